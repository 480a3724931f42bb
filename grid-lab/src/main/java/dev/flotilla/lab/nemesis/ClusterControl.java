package dev.flotilla.lab.nemesis;

import dev.flotilla.grid.Grid;

import java.time.Duration;
import java.util.List;

/**
 * What a nemesis may do to an in-process cluster. The first member hosts the clients and is never faulted.
 *
 * <p>Every method that changes membership returns once every running member agrees on the new membership; none
 * waits for migrations to finish (use {@link #awaitSafe(Duration)}).
 */
public interface ClusterControl {

    /** Running members, oldest first. */
    List<Grid> members();

    /** How many members the cluster has now. */
    default int size() {
        return members().size();
    }

    /** Members that may be faulted: every running member but the first. */
    default List<Grid> faultable() {
        List<Grid> all = members();
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    /** CP members configured (0: CP structures run without Raft). */
    int cpMemberCount();

    /** Running members that are CP members now. */
    List<Grid> cpMembers();

    /**
     * Starts one more member and waits until every member sees it. When the CP Subsystem lacks members (after a
     * crash or a leave of a CP member) the new member is promoted to a CP member.
     */
    Grid addMember();

    /**
     * {@link #addMember()} only while the cluster has fewer than {@code target} members, checked and done as one
     * step with respect to every other membership change (so two callers growing to the same target never
     * overshoot it). Returns the new member, or null when the cluster already had {@code target} or more.
     */
    Grid addMemberIfBelow(int target);

    /** Shuts a member down gracefully (it hands its partitions over first) and waits until the others see it gone. */
    void leave(Grid member);

    /** Terminates a member like a crash and waits until the others have removed it (and removed it from CP). */
    void crash(Grid member);

    /** Terminates these members at the same moment and waits until the others have removed them all. */
    void crash(List<Grid> members);

    /** Polls until a partition migration is running or the timeout passes; true when one was seen. */
    boolean awaitMigrationStarted(Duration timeout);

    /** Polls until every member agrees on membership, every partition is owned and the cluster is safe. */
    boolean awaitSafe(Duration timeout);

    /** A short name for a member in fault details: its {@code host:port}, readable after it stopped too. */
    String label(Grid member);

    /** Nanoseconds since the run's clock started: the time base of the history and of fault windows. */
    long nanos();
}
