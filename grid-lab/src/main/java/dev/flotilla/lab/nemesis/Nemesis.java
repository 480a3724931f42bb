package dev.flotilla.lab.nemesis;

/**
 * A fault schedule played against an in-process cluster while the clients run (Jepsen's nemesis). Get one from
 * {@link Nemeses}. Implementations are stateless: everything a run needs is passed in.
 */
public interface Nemesis {

    /** The registry name, e.g. {@code crash}. */
    String name();

    /** The member count the cluster must start with for this schedule to make sense (at least). */
    int minimumMembers(int cpMemberCount);

    /** The member count the cluster has once {@link #heal} returns, given the size it started with: by default that size. */
    default int healedSize(int initialSize, NemesisSettings settings) {
        return initialSize;
    }

    /**
     * Plays the schedule until {@code schedule.stopped()} turns true, recording each fault window in {@code log}.
     * Returns early when interrupted.
     */
    void run(ClusterControl cluster, NemesisSettings settings, Schedule schedule, FaultLog log);

    /**
     * Undoes what the schedule left broken: brings the cluster back to {@link #healedSize} members. Does not wait
     * for safety; the runner does.
     */
    default void heal(ClusterControl cluster, int initialSize, NemesisSettings settings, FaultLog log) {
        int target = healedSize(initialSize, settings);
        while (true) {
            long start = cluster.nanos();
            int before = cluster.size();
            if (cluster.addMemberIfBelow(target) == null) {
                return;
            }
            log.add(new Fault("heal", "replacement member: " + before + " -> " + cluster.size(), start, cluster.nanos()));
        }
    }
}
