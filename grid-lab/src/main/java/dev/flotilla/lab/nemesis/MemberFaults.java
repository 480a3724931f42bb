package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The one loop behind every nemesis that takes members away: once per interval it picks its victims (from the seed,
 * among {@link ClusterControl#faultable()}), injects the fault, notes when the cluster has reported it (survivors
 * agree on membership and every partition has an owner), waits for safety, records the window, and then puts the
 * cluster back to its size: a restart of the same node, or a replacement member. What differs is {@link Action}.
 *
 * <ul>
 *   <li>{@code leave}: graceful stop (SIGTERM for a process), then a replacement joins;</li>
 *   <li>{@code crash}: terminate (SIGKILL), then a replacement joins;</li>
 *   <li>{@code kill}: SIGKILL one node, then restart the same node (address and ports) once the survivors are safe
 *       (in-process: terminate, then a replacement joins);</li>
 *   <li>{@code kill-two}: the same for two members at the same moment: with backup count 1, partitions whose owner
 *       and backup were both hit lose their data;</li>
 *   <li>{@code pause}: SIGSTOP a node for {@link NemesisSettings#pauseFor()}, then SIGCONT: a pause longer than the
 *       failure detector's timeout gets the node removed, and when it runs again it is a cluster of its own until
 *       the split-brain merge;</li>
 *   <li>{@code churn}: alternately a member joins and a random member leaves or crashes (a coin flip), so the size
 *       swings between its initial value and one more;</li>
 *   <li>{@code crash-during-migration}: a member joins and, as soon as its migration is seen running, another
 *       member is terminated, so partitions are lost while replicas are in motion.</li>
 * </ul>
 */
final class MemberFaults implements Nemesis {
    private static final Duration MIGRATION_START_LIMIT = Duration.ofSeconds(5);

    /** What one step does. */
    enum Action {
        LEAVE("leave", 2, false),
        CRASH("crash", 2, false),
        KILL("kill", 2, false),
        KILL_TWO("kill-two", 3, false),
        PAUSE("pause", 2, true),
        CHURN("churn", 1, false),
        CRASH_DURING_MIGRATION("crash-during-migration", 2, false);

        private final String id;
        private final int minimumMembers;
        private final boolean needsProcesses;

        Action(String id, int minimumMembers, boolean needsProcesses) {
            this.id = id;
            this.minimumMembers = minimumMembers;
            this.needsProcesses = needsProcesses;
        }
    }

    private final Action action;

    MemberFaults(Action action) {
        this.action = action;
    }

    @Override
    public String name() {
        return action.id;
    }

    /** {@code churn} alternates joins with a leave or a crash; every other action injects its own kind. */
    @Override
    public List<String> faultKinds() {
        return action == Action.CHURN ? List.of("join", "leave", "crash") : List.of(action.id);
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return action.minimumMembers;
    }

    @Override
    public boolean needsProcesses() {
        return action.needsProcesses;
    }

    /** {@code churn} and {@code crash-during-migration} add a member before they take one away: one more. */
    @Override
    public int maxSize(int initialSize, NemesisSettings settings) {
        return action == Action.CHURN || action == Action.CRASH_DURING_MIGRATION ? initialSize + 1 : initialSize;
    }

    @Override
    public <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        Step<M> step = new Step<>(cluster, settings, schedule, log, new Random(settings.seed()), cluster.size());
        while (schedule.pause(settings.interval())) {
            boolean more = switch (action) {
                case LEAVE -> step.loseAndRestore("leave", 1, false);
                case CRASH -> step.loseAndRestore("crash", 1, false);
                case KILL -> step.loseAndRestore("kill", 1, true);
                case KILL_TWO -> step.loseAndRestore("kill-two", 2, true);
                case PAUSE -> step.pause();
                case CHURN -> step.churn();
                case CRASH_DURING_MIGRATION -> step.crashDuringMigration();
            };
            if (!more) {
                return;
            }
        }
    }

    /** One run's state: the cluster, its initial size and the seeded choices. */
    private record Step<M>(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log,
                           Random random, int size) {

        /**
         * Takes {@code count} members away ({@code leave} gracefully, else SIGKILL/terminate), then restores the size:
         * the same nodes restarted ({@code sameNodes}, where the cluster can) or replacement members.
         */
        boolean loseAndRestore(String kind, int count, boolean sameNodes) {
            List<M> victims = pick(cluster.faultable(), count);
            if (victims.size() < count) {
                return false;
            }
            window(kind, victims, () -> {
                if (kind.equals("leave")) {
                    cluster.leave(victims.get(0));
                } else {
                    cluster.crash(victims);
                }
            });
            if (schedule.stopped()) {
                return false;
            }
            if (sameNodes && cluster.supportsProcessFaults()) {
                restart(victims);
            } else {
                replace();
            }
            return true;
        }

        /** SIGSTOP one node for {@code pauseFor}, then SIGCONT; the window ends when the cluster is safe again. */
        boolean pause() {
            List<M> victims = pick(cluster.faultable(), 1);
            if (victims.isEmpty()) {
                return false;
            }
            M victim = victims.get(0);
            String who = cluster.label(victim);
            long start = cluster.nanos();
            int before = cluster.size();
            cluster.pause(victim);
            long reported = -1;
            try {
                if (cluster.awaitRemoved(victims, settings.pauseFor())) {
                    reported = cluster.nanos();
                }
                long left = settings.pauseFor().toNanos() - (cluster.nanos() - start);
                if (left > 0) {
                    // Pacing, not a correctness wait: the pause lasts as long as the spec says, even if the run ends.
                    new Schedule().pause(Duration.ofNanos(left));
                }
            } finally {
                cluster.resume(victim);
            }
            long resumed = cluster.nanos();
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            String seen = reported < 0
                    ? "the others never removed it"
                    : String.format(java.util.Locale.ROOT, "the others removed it after %.1f s", (reported - start) / 1e9);
            log.add(new Fault("pause", List.of(who), "SIGSTOP for " + settings.pauseFor().toMillis() / 1000.0
                    + " s (" + seen + "), SIGCONT at " + String.format(java.util.Locale.ROOT, "%.1f s", resumed / 1e9)
                    + "; " + before + " members" + (safe ? ", safe again" : " (not safe yet)"),
                    start, reported, cluster.nanos()));
            return true;
        }

        boolean churn() {
            if (cluster.size() <= size) {
                join("join");
                return true;
            }
            List<M> victims = pick(cluster.faultable(), 1);
            if (victims.isEmpty()) {
                return false;
            }
            boolean graceful = random.nextBoolean();
            window(graceful ? "leave" : "crash", victims, () -> {
                if (graceful) {
                    cluster.leave(victims.get(0));
                } else {
                    cluster.crash(victims);
                }
            });
            return true;
        }

        boolean crashDuringMigration() {
            long start = cluster.nanos();
            M newcomer = cluster.addMember();
            boolean seen = cluster.awaitMigrationStarted(MIGRATION_START_LIMIT);
            List<M> candidates = cluster.faultable().stream().filter(m -> m != newcomer).toList();
            List<M> victims = pick(candidates, 1);
            if (victims.isEmpty()) {
                return false;
            }
            String who = cluster.label(victims.get(0));
            cluster.crash(victims);
            long reported = cluster.awaitRemoved(victims, settings.settleLimit()) ? cluster.nanos() : -1;
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault("crash-during-migration", List.of(who), "joined " + cluster.label(newcomer)
                    + ", crashed " + who + (seen ? " during the migration" : " (no migration seen in flight)")
                    + (safe ? "" : " (not safe yet)"), start, reported, cluster.nanos()));
            if (cluster.size() < size && !schedule.stopped()) {
                replace();
            }
            return true;
        }

        private void window(String kind, List<M> victims, Runnable inject) {
            List<String> who = victims.stream().map(cluster::label).toList();
            int before = cluster.size();
            long start = cluster.nanos();
            inject.run();
            long reported = cluster.awaitRemoved(victims, settings.settleLimit()) ? cluster.nanos() : -1;
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault(kind, who, String.join(", ", who) + ": " + before + " -> " + cluster.size()
                    + " members" + (reported < 0 ? " (never seen removed)" : "") + (safe ? "" : " (not safe yet)"),
                    start, reported, cluster.nanos()));
        }

        private void restart(List<M> victims) {
            long start = cluster.nanos();
            int before = cluster.size();
            List<String> who = cluster.restart(victims).stream().map(cluster::label).toList();
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault("restart", who, "restarted " + String.join(", ", who) + " with empty memory: "
                    + before + " -> " + cluster.size() + " members" + (safe ? "" : " (not safe yet)"),
                    start, cluster.nanos()));
        }

        private void replace() {
            join("replacement");
        }

        private void join(String why) {
            long start = cluster.nanos();
            int before = cluster.size();
            List<String> added = cluster.growTo(why.equals("join") ? size + 1 : size);
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault("join", added, why + ": " + before + " -> " + cluster.size() + " members"
                    + (safe ? "" : " (not safe yet)"), start, cluster.nanos()));
        }

        private List<M> pick(List<M> candidates, int count) {
            List<M> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, random);
            return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
        }
    }
}
