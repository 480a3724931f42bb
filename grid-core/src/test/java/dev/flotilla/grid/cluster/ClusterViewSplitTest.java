package dev.flotilla.grid.cluster;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.fixture.GridCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What members say when they lose members: a crash, a graceful leave, a real split brain and its merge. */
@Timeout(180)
class ClusterViewSplitTest {
    private final GridCluster cluster = GridCluster.create(b -> b
            .property("hazelcast.merge.first.run.delay.seconds", "1")
            .property("hazelcast.merge.next.run.delay.seconds", "1"));

    @AfterEach
    void checkAndStop() {
        cluster.checkAndClose();
    }

    @Test
    void terminate_oneOfThree_splitDetectedOnBothSurvivorsAsMajority() {
        List<Grid> members = cluster.startMembers(3);
        cluster.awaitSafe();
        List<ClusterEvent> first = record(members.get(0));
        List<ClusterEvent> second = record(members.get(1));

        cluster.terminate(members.get(2));

        for (List<ClusterEvent> events : List.of(first, second)) {
            await(() -> assertThat(splits(events)).containsExactly(new Membership(2, 3)));
            assertThat(events).extracting(ClusterEvent::type).containsSubsequence("member-left", "split-detected");
        }
        assertThat(members.get(0).cluster().membership()).isEqualTo(new Membership(2, 3));
        assertThat(members.get(1).cluster().membership().minority()).isFalse();
    }

    @Test
    void shutdown_oneOfThree_noSplitAndExpectedFollowsTheCluster() {
        List<Grid> members = cluster.startMembers(3);
        cluster.awaitSafe();
        List<ClusterEvent> events = record(members.get(1));

        cluster.shutdown(members.get(2));

        await(() -> assertThat(events).extracting(ClusterEvent::type).contains("member-left"));
        assertThat(splits(events)).isEmpty();
        assertThat(members.get(0).cluster().membership()).isEqualTo(new Membership(2, 2));
        assertThat(members.get(1).cluster().membership()).isEqualTo(new Membership(2, 2));
    }

    @Test
    void cutOff_oneOfThree_bothSidesDetectTheSplitAndTheMinorityMergesBackWithItsListeners() {
        List<Grid> members = cluster.startMembers(3);
        cluster.awaitSafe();
        cluster.expectPartitionLoss(); // alone, the cut-off member has no replica of some partitions
        List<ClusterEvent> majority = record(members.get(0));
        List<ClusterEvent> minority = record(members.get(2));

        cluster.cutOff(members.get(2));

        await(() -> assertThat(splits(majority)).containsExactly(new Membership(2, 3)));
        await(() -> assertThat(minority).extracting(ClusterEvent::type).contains("merged"));
        cluster.awaitMembers(3);
        assertThat(splits(minority)).as("both removals of one update, one detection").containsExactly(new Membership(1, 3));
        assertThat(splits(minority).get(0).minority()).isTrue();
        ClusterEvent.Merged merged = minority.stream().filter(ClusterEvent.Merged.class::isInstance)
                .map(ClusterEvent.Merged.class::cast).findFirst().orElseThrow();
        assertThat(merged.membership()).isEqualTo(new Membership(3, 3));
        assertThat(members.get(2).cluster().membership()).isEqualTo(new Membership(3, 3));
        assertThat(majority).extracting(ClusterEvent::type).doesNotContain("merged");

        // The merged member restarted its services; its listeners still report what happens next.
        int afterMerge = minority.size();
        Grid fourth = cluster.startMember();
        cluster.awaitSafe();
        cluster.terminate(members.get(1));
        await(() -> {
            List<ClusterEvent> later = List.copyOf(minority.subList(afterMerge, minority.size()));
            assertThat(later).extracting(ClusterEvent::type)
                    .contains("member-joined", "migration-finished", "member-left", "split-detected");
            assertThat(later).filteredOn(ClusterEvent.MemberJoined.class::isInstance)
                    .extracting(e -> ((ClusterEvent.MemberJoined) e).member().uuid())
                    .contains(fourth.cluster().localMember().uuid());
            assertThat(splits(later)).containsExactly(new Membership(3, 4));
        });
    }

    private static List<ClusterEvent> record(Grid grid) {
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        grid.cluster().subscribe(events::add);
        return events;
    }

    private static List<Membership> splits(List<ClusterEvent> events) {
        return events.stream().filter(ClusterEvent.SplitDetected.class::isInstance)
                .map(e -> ((ClusterEvent.SplitDetected) e).membership()).toList();
    }

    private static void await(org.awaitility.core.ThrowingRunnable assertion) {
        Awaitility.await().atMost(GridCluster.SETTLE).pollInterval(Duration.ofMillis(50)).untilAsserted(assertion);
    }
}
