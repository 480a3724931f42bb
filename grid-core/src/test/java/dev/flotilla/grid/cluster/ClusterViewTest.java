package dev.flotilla.grid.cluster;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.fixture.GridCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class ClusterViewTest {
    private final GridCluster cluster = GridCluster.create();

    @AfterEach
    void checkAndStop() {
        cluster.checkAndClose();
    }

    @Test
    void partitions_threeMembers_everyPartitionOwnedWithOneBackupOnAnotherMember() {
        List<Grid> members = cluster.startMembers(3);
        cluster.awaitSafe();

        for (Grid grid : members) {
            PartitionTable table = grid.cluster().partitions();
            assertThat(table.partitions()).hasSize(31);
            assertThat(table.partitions()).allSatisfy(p -> {
                assertThat(p.owner()).isNotNull();
                assertThat(p.backups()).hasSize(1).doesNotContain(p.owner());
            });
            assertThat(table.ownedCounts()).hasSize(3);
        }
        assertThat(members.get(1).cluster().partitions().stamp()).isEqualTo(members.get(0).cluster().partitions().stamp());
    }

    @Test
    void members_joinOrder_masterFirstAndLocalFlagged() {
        List<Grid> members = cluster.startMembers(2);

        List<MemberInfo> seenBySecond = members.get(1).cluster().members();
        assertThat(seenBySecond).extracting(MemberInfo::address)
                .containsExactly(members.get(0).cluster().localMember().address(),
                        members.get(1).cluster().localMember().address());
        assertThat(seenBySecond).extracting(MemberInfo::local).containsExactly(false, true);
        assertThat(members.get(0).cluster().clusterName()).isEqualTo(cluster.clusterName());
    }

    @Test
    void memberJoin_withData_migrationRecordedAndEventsStreamed() {
        Grid first = cluster.startMember();
        first.map("data").putAll(java.util.stream.IntStream.range(0, 500).boxed()
                .collect(java.util.stream.Collectors.toMap(i -> "k" + i, i -> Integer.toString(i))));
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        ClusterView.Subscription subscription = first.cluster().subscribe(events::add);

        Grid second = cluster.startMember();
        cluster.awaitSafe();

        Awaitility.await().atMost(GridCluster.SETTLE).untilAsserted(() -> {
            assertThat(events).extracting(ClusterEvent::type)
                    .contains("member-joined", "migration-started", "migration-finished");
            assertThat(first.cluster().migrations().recent()).isNotEmpty();
        });
        ClusterEvent joined = events.stream().filter(e -> e instanceof ClusterEvent.MemberJoined).findFirst().orElseThrow();
        assertThat(((ClusterEvent.MemberJoined) joined).member().uuid()).isEqualTo(second.cluster().localMember().uuid());
        MigrationProcess done = first.cluster().migrations().recent().get(0);
        assertThat(done.finished()).isTrue();
        assertThat(done.planned()).isPositive();
        assertThat(done.completed()).isPositive();

        List<ClusterEvent> stillSubscribed = new CopyOnWriteArrayList<>();
        first.cluster().subscribe(stillSubscribed::add);
        subscription.close();
        int seen = events.size();
        cluster.shutdown(second);

        Awaitility.await().atMost(GridCluster.SETTLE).untilAsserted(() -> assertThat(stillSubscribed)
                .extracting(ClusterEvent::type).contains("member-left"));
        assertThat(events).as("no events after close, while a live subscriber got the leave").hasSize(seen);
    }

    @Test
    void safety_memberLeftGracefully_clusterSafeAgain() {
        List<Grid> members = cluster.startMembers(2);
        cluster.awaitSafe();
        assertThat(members.get(0).cluster().safety()).isEqualTo(new Safety(true, true, true, 2));

        cluster.shutdown(members.get(1));

        assertThat(members.get(1).cluster().safety().running()).isFalse();
        cluster.awaitSafe();
        assertThat(members.get(0).cluster().safety().memberCount()).isEqualTo(1);
    }
}
