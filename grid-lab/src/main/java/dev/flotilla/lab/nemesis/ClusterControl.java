package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a nemesis may do to a cluster: in-process members ({@code M} is a grid-core {@code Grid}) or node processes
 * ({@code M} is a {@code NodeProcess}). A nemesis only passes members back, so it is written once for both kinds.
 *
 * <p>Every method that changes membership returns once every running, unpaused member agrees on the new membership;
 * none waits for migrations to finish (use {@link #awaitSafe(Duration)}).
 *
 * @param <M> the member handle
 */
public interface ClusterControl<M> {

    /** Members started and not stopped (paused ones included), oldest first. */
    List<M> members();

    /** How many members the cluster has now. */
    default int size() {
        return members().size();
    }

    /** Members a fault may hit: in-process every member but the one hosting the clients, on processes every node. */
    List<M> faultable();

    /** CP members configured (0: CP structures run without Raft). */
    int cpMemberCount();

    /** Running members that are CP members now. */
    List<M> cpMembers();

    /**
     * {@code addMember} only while the cluster has fewer than {@code target} members, checked and done as one
     * step with respect to every other membership change (so two callers growing to the same target never
     * overshoot it). Returns the new member, or null when the cluster already had {@code target} or more. When
     * the CP Subsystem lacks members, the new member is promoted to a CP member.
     */
    M addMemberIfBelow(int target);

    /**
     * Adds members one at a time with {@link #addMemberIfBelow(int)} until the cluster has {@code target}, or until
     * {@code stop} says so between two additions; returns the labels of the members added, in order.
     */
    default List<String> growTo(int target, BooleanSupplier stop) {
        List<String> added = new ArrayList<>();
        M member;
        while (!stop.getAsBoolean() && (member = addMemberIfBelow(target)) != null) {
            added.add(label(member));
        }
        return added;
    }

    /** {@link #growTo(int, BooleanSupplier)} all the way to {@code target}. */
    default List<String> growTo(int target) {
        return growTo(target, () -> false);
    }

    /** Adds one member whatever the size (see {@link #addMemberIfBelow(int)}). */
    default M addMember() {
        return addMemberIfBelow(Integer.MAX_VALUE);
    }

    /** Stops a member gracefully (it hands its partitions over first; SIGTERM for a process) and waits until the others see it gone. */
    void leave(M member);

    /** Stops these members at the same moment like a crash (terminate; SIGKILL) and waits until the others removed them all. */
    void crash(List<M> members);

    /** {@link #crash(List)} of one member. */
    default void crash(M member) {
        crash(List.of(member));
    }

    /** Whether {@link #restart}, {@link #pause} and {@link #resume} work here (node processes only). */
    boolean supportsProcessFaults();

    /**
     * Starts a crashed member again under the same identity (address and ports) with empty memory, as an operator
     * restarts a node, and waits until every member sees it. Returns the new handle.
     *
     * @throws UnsupportedOperationException unless {@link #supportsProcessFaults()}
     */
    M restart(M member);

    /**
     * {@link #restart} of several members; a cluster that can start them together does, and waits once until every
     * member sees them all. Returns the new handles in the same order.
     */
    default List<M> restart(List<M> members) {
        return members.stream().map(this::restart).toList();
    }

    /**
     * Stops every running member at the same moment, gracefully (SIGTERM: each stores what it still queues for
     * the database) or not (SIGKILL), and returns once every one is gone: the whole cluster is down. Returns the
     * members stopped, for {@link #restart(List)}.
     *
     * @throws UnsupportedOperationException unless {@link #supportsProcessFaults()}
     */
    default List<M> stopAll(boolean graceful) {
        throw new UnsupportedOperationException("stopping every member needs node processes (cluster: processes)");
    }

    /** Whether the cluster has a database of persistent maps that {@link #pauseStore()} can stop (processes only). */
    default boolean supportsStoreFaults() {
        return false;
    }

    /** A label for the database in fault details, or empty when there is none. */
    default String storeLabel() {
        return "";
    }

    /**
     * Freezes the database (SIGSTOP) while every member keeps running: store calls hang until they time out.
     *
     * @throws UnsupportedOperationException unless {@link #supportsStoreFaults()}
     */
    default void pauseStore() {
        throw new UnsupportedOperationException("this cluster has no database of its own (store)");
    }

    /** Lets the paused database run again (SIGCONT). */
    default void resumeStore() {
        throw new UnsupportedOperationException("this cluster has no database of its own (store)");
    }

    /** Freezes a member (SIGSTOP): it keeps its sockets but answers nothing. */
    void pause(M member);

    /** Lets a paused member run again (SIGCONT). */
    void resume(M member);

    /** Lets every paused member run again; nothing to do where nothing can be paused. */
    void resumeAll();

    /**
     * Whether {@link #cut} drops real packets here: node processes in the lab's private network namespace. When
     * false, {@link #networkUnavailable()} says why.
     */
    default boolean supportsNetworkFaults() {
        return false;
    }

    /** Why {@link #cut} cannot run here, for a note or an error; empty when it can. */
    default String networkUnavailable() {
        return "network partitions need node processes (cluster: processes)";
    }

    /**
     * Drops every packet between each member and the members {@code unreachable} names for it, in both directions,
     * while every process keeps running; replaces any earlier cut. Clients still reach every member.
     *
     * @throws UnsupportedOperationException unless {@link #supportsNetworkFaults()}
     */
    default void cut(Map<M, Set<M>> unreachable) {
        throw new UnsupportedOperationException(networkUnavailable());
    }

    /** Lets every member reach every other again; nothing to do where nothing was cut. */
    default void healNetwork() {
    }

    /**
     * Polls until no running member lists among its cluster's members one that {@code unreachable} cuts it off from
     * (either way): each side has removed the other. True when seen within the timeout.
     */
    default boolean awaitCutSeen(Map<M, Set<M>> unreachable, Duration timeout) {
        return false;
    }

    /** The memberships the running members report now, one list of labels per distinct view, e.g. [[n1, n2], [n3]]. */
    default List<List<String>> views() {
        return List.of(members().stream().map(this::label).toList());
    }

    /**
     * Polls until the members other than {@code gone} agree on a membership without them and every partition has
     * an owner among them: the moment the cluster has reported the fault. True when seen within the timeout.
     */
    boolean awaitRemoved(List<M> gone, Duration timeout);

    /** Polls until a partition migration is running or the timeout passes; true when one was seen. */
    boolean awaitMigrationStarted(Duration timeout);

    /** Polls until every member agrees on membership, every partition is owned and the cluster is safe. */
    boolean awaitSafe(Duration timeout);

    /** A short name for a member in fault details, readable after it stopped too (e.g. {@code n2 127.0.0.3}). */
    String label(M member);

    /** Nanoseconds since the run's clock started: the time base of the history and of fault windows. */
    long nanos();

    /** Restarts the run clock: {@link #nanos()} counts from {@code nanoTime} (a {@link System#nanoTime()} reading). */
    void startClock(long nanoTime);
}
