package dev.flotilla.lab.nemesis;

import java.util.List;

/**
 * A fault schedule played against a cluster while the clients run (Jepsen's nemesis). Get one from
 * {@link Nemeses}. Implementations are stateless: everything a run needs is passed in.
 */
public interface Nemesis {

    /** The registry name, e.g. {@code kill}. */
    String name();

    /**
     * The fault kinds this schedule injects, as its windows name them in the {@link FaultLog}: by default its own
     * name. Restores (restarts, replacement joins, heals, merges) are not listed: a run covers a fault only if one
     * of these windows started while the clients ran.
     */
    default List<String> faultKinds() {
        return List.of(name());
    }

    /** The member count the cluster must start with for this schedule to make sense (at least). */
    int minimumMembers(int cpMemberCount);

    /** Whether the schedule needs node processes (SIGKILL-and-restart, SIGSTOP), not in-process members. */
    default boolean needsProcesses() {
        return false;
    }

    /** Whether the schedule acts on the database of persistent maps ({@link ClusterControl#pauseStore()}). */
    default boolean needsStore() {
        return false;
    }

    /** Whether the schedule cuts the network between members ({@link ClusterControl#cut}). */
    default boolean needsNetwork() {
        return false;
    }

    /** The member count the cluster has once {@link #heal} returns, given the size it started with: by default that size. */
    default int healedSize(int initialSize, NemesisSettings settings) {
        return initialSize;
    }

    /**
     * The largest size the schedule may take the cluster to, on the way or healed: what a process fleet must have
     * addresses for. Default {@link #healedSize}; a nemesis that adds a member before taking one away says more.
     */
    default int maxSize(int initialSize, NemesisSettings settings) {
        return healedSize(initialSize, settings);
    }

    /**
     * Plays the schedule until {@code schedule.stopped()} turns true, recording each fault window in {@code log}.
     * Returns early when interrupted.
     */
    <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log);

    /**
     * Undoes what the schedule left broken: lets paused members run again and brings the cluster back to
     * {@link #healedSize} members. Does not wait for safety; the runner does.
     */
    default <M> void heal(ClusterControl<M> cluster, int initialSize, NemesisSettings settings, FaultLog log) {
        cluster.healNetwork();
        cluster.resumeAll();
        int target = healedSize(initialSize, settings);
        long start = cluster.nanos();
        int before = cluster.size();
        List<String> added = cluster.growTo(target);
        if (!added.isEmpty()) {
            log.add(new Fault("heal", added, "replacement members after the run: " + before + " -> " + cluster.size(),
                    start, cluster.nanos()));
        }
    }
}
