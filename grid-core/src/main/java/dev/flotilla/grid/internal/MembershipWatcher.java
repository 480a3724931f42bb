package dev.flotilla.grid.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.MemberInfo;
import dev.flotilla.grid.cluster.Membership;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns membership and lifecycle changes into events and keeps the expected membership: the most members seen
 * since start or the last merge, less graceful leaves.
 *
 * <p>A removed member counts as not graceful when {@code heldReplicas} says it still held partition replicas in
 * this member's table when it was removed (see {@link ClusterEvent.SplitDetected} for why that is the only sign a
 * member has). Hazelcast delivers membership events on several event threads, possibly out of order, and gives
 * every event of one member-list update the member set after the whole update; removals with the same member set
 * are therefore one detection, whatever their order.
 *
 * <p>Both listeners are registered on the local instance and stay registered through a merge: the merging member
 * restarts its services but keeps its membership and lifecycle listeners (ClusterViewSplitTest checks it).
 */
final class MembershipWatcher implements MembershipListener, LifecycleListener {
    private final Consumer<ClusterEvent> events;
    private final Function<Member, MemberInfo> info;
    private final Predicate<UUID> heldReplicas;
    private final IntSupplier liveMembers;

    private int expected;
    /** The member set of the last detection, so the other removals of the same update fold into it. */
    private Set<UUID> detectedAt;
    private boolean merging;

    /**
     * @param heldReplicas whether the member of that UUID, just removed, still held partition replicas here
     * @param liveMembers  members in the local view now
     */
    MembershipWatcher(Consumer<ClusterEvent> events, Function<Member, MemberInfo> info, Predicate<UUID> heldReplicas,
                      IntSupplier liveMembers) {
        this.events = events;
        this.info = info;
        this.heldReplicas = heldReplicas;
        this.liveMembers = liveMembers;
        this.expected = liveMembers.getAsInt();
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        joined(event.getMembers().size());
        events.accept(new ClusterEvent.MemberJoined(Instant.now(), info.apply(event.getMember())));
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        events.accept(new ClusterEvent.MemberLeft(Instant.now(), info.apply(event.getMember())));
        Set<UUID> now = event.getMembers().stream().map(Member::getUuid).collect(Collectors.toSet());
        left(now, heldReplicas.test(event.getMember().getUuid()))
                .ifPresent(seen -> events.accept(new ClusterEvent.SplitDetected(Instant.now(), seen)));
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        switch (event.getState()) {
            case MERGING -> mergeStarted();
            case MERGED -> events.accept(new ClusterEvent.Merged(Instant.now(), mergeEnded(true, liveMembers.getAsInt())));
            case MERGE_FAILED -> events.accept(new ClusterEvent.MergeFailed(Instant.now(),
                    mergeEnded(false, liveMembers.getAsInt())));
            default -> {
                // starting, started, shutting down, shut down, client events: nothing to count
            }
        }
    }

    /** The membership now. */
    synchronized Membership membership() {
        int seen = liveMembers.getAsInt();
        return new Membership(seen, Math.max(expected, seen));
    }

    synchronized void joined(int seen) {
        expected = Math.max(expected, seen);
        detectedAt = null;
    }

    /** A member was removed; {@code now} is the member set after its update. Answers what to report, if anything. */
    synchronized Optional<Membership> left(Set<UUID> now, boolean heldReplicas) {
        int seen = now.size();
        if (!heldReplicas) {
            expected = Math.max(seen, expected - 1);
            detectedAt = null;
            return Optional.empty();
        }
        expected = Math.max(expected, seen);
        if (merging || now.equals(detectedAt)) {
            return Optional.empty();
        }
        detectedAt = Set.copyOf(now);
        return Optional.of(new Membership(seen, expected));
    }

    synchronized void mergeStarted() {
        merging = true;
    }

    /** The merge ended; after a successful one the expected count starts again from the members seen. */
    synchronized Membership mergeEnded(boolean merged, int seen) {
        merging = false;
        detectedAt = null;
        expected = merged ? seen : Math.max(expected, seen);
        return new Membership(seen, expected);
    }
}
