package dev.flotilla.lab.nemesis;

import java.util.List;
import java.util.Locale;

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
 *   <li>{@code store-outage}: the database process is stopped with SIGSTOP for {@link NemesisSettings#pauseFor()}
 *       ({@code nemesis.pause-seconds}) and let go on with SIGCONT (not killed: its files and connections stay as
 *       they were), every node running throughout. The server keeps its sockets open and answers nothing, so each
 *       store call hangs until the nodes' {@code store.timeout-millis} fails it: write-through writes fail as
 *       {@code store-timeout} (not definite); write-behind writes are acknowledged from memory and their batches
 *       retried after the window. Needs a database.</li>
 * </ul>
 *
 * <p>One window per step, named after the nemesis. {@code restart-all} and {@code crash-all} list every node: injected
 * at the signals, reported when the last process had exited (the cluster was down), ended when the restarted nodes
 * were one safe cluster again (or when the settle limit passed, which the detail says). {@code store-outage} names
 * the database: injected at SIGSTOP, ended at SIGCONT, with no reported moment (the membership does not change).
 */
final class WholeClusterFaults implements Nemesis {

    /** What one step does. */
    enum Action {
        RESTART_ALL("restart-all"),
        CRASH_ALL("crash-all"),
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
        return 1;
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
        while (schedule.pause(settings.interval())) {
            if (action == Action.STORE_OUTAGE) {
                storeOutage(cluster, settings, log);
            } else if (cluster.members().isEmpty()) {
                return;
            } else {
                downAndUp(cluster, settings, log, action == Action.RESTART_ALL);
            }
        }
    }

    private <M> void downAndUp(ClusterControl<M> cluster, NemesisSettings settings, FaultLog log, boolean graceful) {
        long start = cluster.nanos();
        List<M> stopped = cluster.stopAll(graceful);
        long down = cluster.nanos();
        List<String> who = stopped.stream().map(cluster::label).toList();
        String stop = (graceful ? "SIGTERM" : "SIGKILL") + " to " + String.join(", ", who) + ": all "
                + who.size() + " exited after " + seconds(down - start);
        try {
            cluster.restart(stopped);
        } catch (RuntimeException e) {
            log.add(new Fault(name(), who, stop + "; the restart failed: " + e.getMessage(), start, down,
                    cluster.nanos()));
            throw e;
        }
        boolean safe = cluster.awaitSafe(settings.settleLimit());
        long end = cluster.nanos();
        log.add(new Fault(name(), who, stop + "; restarted on the same addresses: " + cluster.size() + " members, "
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
