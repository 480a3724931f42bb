package dev.flotilla.lab.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Faults that hit the whole cluster at once, on node processes: what survives them is what the database of
 * persistent maps ({@code store}) holds. Once per interval:
 *
 * <ul>
 *   <li>{@code restart-all}: SIGTERM to every node at the same moment, as an operator stops a cluster (each node
 *       shuts down gracefully; Hazelcast stores a write-behind map's queued writes first); once every process has
 *       exited, all are started again with the same node files, addresses and ports and empty memory, and the
 *       nemesis waits until they are one safe cluster. They load back what the database holds: with write-through
 *       every acknowledged write, without a database nothing;</li>
 *   <li>{@code crash-all}: the same with SIGKILL (a power cut): write-behind writes still queued, up to
 *       {@code store-write-delay-seconds} of them, are lost;</li>
 *   <li>{@code kill-restart-all}: SIGKILL to one node (drawn from the seed), a wait until the survivors are one safe
 *       cluster (its partitions promoted on their backups, which hold copies of its write-behind queues), then
 *       {@code restart-all} of the survivors with the killed node started beside them: the final reads come from
 *       the database, so they show whether what the killed node had queued was stored by the promoted owners;</li>
 *   <li>{@code store-outage}: the database process is stopped with SIGSTOP for {@link NemesisSettings#pauseFor()}
 *       ({@code nemesis.pause-seconds}) and let go on with SIGCONT (not killed: its files and connections stay as
 *       they were), every node running throughout. The server keeps its sockets open and answers nothing, so each
 *       store call hangs until the nodes' {@code store.timeout-millis} fails it: write-through writes fail as
 *       {@code store-timeout} (not definite); write-behind writes are acknowledged from memory and their batches
 *       retried after the window. Needs a database.</li>
 * </ul>
 *
 * <p>One window per step, named after the nemesis ({@code kill-restart-all}: a {@code kill} window, then a
 * {@code restart-all} one). {@code restart-all} and {@code crash-all} list every node: injected
 * at the signals, reported when the last process had exited (the cluster was down), ended when the restarted nodes
 * were one safe cluster again (or when the settle limit passed, which the detail says). {@code store-outage} names
 * the database: injected at SIGSTOP, ended at SIGCONT, with no reported moment (the membership does not change).
 */
final class WholeClusterFaults implements Nemesis {

    /** What one step does. */
    enum Action {
        RESTART_ALL("restart-all"),
        CRASH_ALL("crash-all"),
        KILL_THEN_RESTART_ALL("kill-restart-all"),
        STORE_OUTAGE("store-outage");

        private final String id;

        Action(String id) {
            this.id = id;
        }
    }

    private final Action action;

    WholeClusterFaults(Action action) {
        this.action = action;
    }

    @Override
    public String name() {
        return action.id;
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return action == Action.KILL_THEN_RESTART_ALL ? 2 : 1;
    }

    /** {@code kill-restart-all} injects two kinds of window, a {@code kill} and a {@code restart-all}. */
    @Override
    public List<String> faultKinds() {
        return action == Action.KILL_THEN_RESTART_ALL ? List.of("kill", "restart-all") : List.of(name());
    }

    @Override
    public boolean needsProcesses() {
        return true;
    }

    @Override
    public boolean needsStore() {
        return action == Action.STORE_OUTAGE;
    }

    @Override
    public <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        if (needsStore() && !cluster.supportsStoreFaults()) {
            throw new IllegalStateException(name() + " needs a database of persistent maps (store: write-through"
                    + " or write-behind)");
        }
        Random random = new Random(settings.seed());
        while (schedule.pause(settings.interval())) {
            if (action == Action.STORE_OUTAGE) {
                storeOutage(cluster, settings, log);
            } else if (cluster.members().isEmpty()) {
                return;
            } else if (action == Action.KILL_THEN_RESTART_ALL) {
                List<M> candidates = cluster.faultable();
                if (candidates.size() < 2) {
                    return; // one node killed would leave no survivor to promote its partitions
                }
                M victim = candidates.get(random.nextInt(candidates.size()));
                kill(cluster, settings, log, victim);
                downAndUp(cluster, settings, log, true, List.of(victim));
            } else {
                downAndUp(cluster, settings, log, action == Action.RESTART_ALL, List.of());
            }
        }
    }

    private <M> void kill(ClusterControl<M> cluster, NemesisSettings settings, FaultLog log, M victim) {
        long start = cluster.nanos();
        cluster.crash(victim);
        boolean removed = cluster.awaitRemoved(List.of(victim), settings.settleLimit());
        long reported = cluster.nanos();
        boolean safe = removed && cluster.awaitSafe(settings.settleLimit());
        long end = cluster.nanos();
        log.add(new Fault("kill", List.of(cluster.label(victim)), "SIGKILL; " + (removed ? "removed after "
                + seconds(reported - start) + ", " : "not removed within " + settings.settleLimit().toSeconds() + " s, ")
                + (safe ? cluster.size() + " survivors safe " + seconds(end - start) + " after the kill"
                : "the survivors not safe within the settle limit") + "; not restarted until the restart-all",
                start, reported, end));
    }

    /** Stops every running node, then starts them and {@code alsoStart} (nodes already down) on their addresses. */
    private <M> void downAndUp(ClusterControl<M> cluster, NemesisSettings settings, FaultLog log, boolean graceful,
                               List<M> alsoStart) {
        long start = cluster.nanos();
        List<M> stopped = cluster.stopAll(graceful);
        long down = cluster.nanos();
        List<String> who = stopped.stream().map(cluster::label).toList();
        String stop = (graceful ? "SIGTERM" : "SIGKILL") + " to " + String.join(", ", who) + ": all "
                + who.size() + " exited after " + seconds(down - start);
        List<M> starting = new ArrayList<>(stopped);
        starting.addAll(alsoStart);
        try {
            cluster.restart(starting);
        } catch (RuntimeException e) {
            log.add(new Fault(name(), who, stop + "; the restart failed: " + e.getMessage(), start, down,
                    cluster.nanos()));
            throw e;
        }
        boolean safe = cluster.awaitSafe(settings.settleLimit());
        long end = cluster.nanos();
        log.add(new Fault(action == Action.KILL_THEN_RESTART_ALL ? "restart-all" : name(), who, stop + "; restarted on the same addresses: " + cluster.size() + " members, "
                + (safe ? "safe again " + seconds(end - down) + " after the stop"
                : "not safe within " + settings.settleLimit().toSeconds() + " s"), start, down, end));
    }

    private <M> void storeOutage(ClusterControl<M> cluster, NemesisSettings settings, FaultLog log) {
        String who = cluster.storeLabel();
        long start = cluster.nanos();
        cluster.pauseStore();
        try {
            // Pacing, not a correctness wait: the outage lasts as long as the spec says, even if the run ends.
            new Schedule().pause(settings.pauseFor());
        } finally {
            cluster.resumeStore();
        }
        long end = cluster.nanos();
        log.add(new Fault(name(), List.of(who), "SIGSTOP to the database for " + seconds(end - start)
                + ", SIGCONT at " + seconds(end) + "; " + cluster.size() + " members ran throughout", start, end));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
