package dev.flotilla.server.cluster;

import dev.flotilla.client.protocol.ClusterEventView;
import dev.flotilla.client.protocol.MembershipView;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.grid.cluster.MigrationProcess;
import dev.flotilla.server.fixture.StubClusterView;
import io.micronaut.http.sse.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class ClusterEventStreamTest {
    private final StubClusterView cluster = new StubClusterView();

    @Test
    void open_gridEvents_forwardedAsNamedEventsAfterSubscribed() {
        List<Event<ClusterEventView>> received = new CopyOnWriteArrayList<>();
        Disposable subscription = new ClusterEventStream(cluster, Duration.ofMinutes(1)).open().subscribe(received::add);
        Instant now = Instant.now();
        cluster.emit(new ClusterEvent.MemberJoined(now, StubClusterView.LOCAL));
        cluster.emit(new ClusterEvent.MigrationFinished(now, new MigrationProcess(now, 4, 4, 0, 12, true)));
        cluster.emit(new ClusterEvent.PartitionLost(now, 7, 1, "127.0.0.1:5702", List.of("orders")));
        cluster.emit(new ClusterEvent.PartitionPromoted(now, 8, 0, "127.0.0.1:5702"));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 5);
        assertThat(received).extracting(Event::getName)
                .containsExactly("subscribed", "member-joined", "migration-finished", "partition-lost",
                        "partition-promoted");
        assertThat(received.get(3).getData().maps()).containsExactly("orders");
        assertThat(received.get(4).getData().maps()).isNull();
        assertThat(received.get(4).getData().partitionId()).isEqualTo(8);
        assertThat(received.get(2).getData().migration().completed()).isEqualTo(4);
        assertThat(received.get(3).getData().partitionId()).isEqualTo(7);
        assertThat(received.get(3).getData().lostReplicaIndex()).isEqualTo(1);
        subscription.dispose();
    }

    @Test
    void open_splitAndMergeEvents_carryMembership() {
        List<Event<ClusterEventView>> received = new CopyOnWriteArrayList<>();
        Disposable subscription = new ClusterEventStream(cluster, Duration.ofMinutes(1)).open().subscribe(received::add);
        Instant now = Instant.now();
        cluster.emit(new ClusterEvent.SplitDetected(now, new Membership(1, 3)));
        cluster.emit(new ClusterEvent.Merged(now, new Membership(3, 3)));
        cluster.emit(new ClusterEvent.MergeFailed(now, new Membership(1, 3)));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received).extracting(Event::getName)
                .containsExactly("subscribed", "split-detected", "merged", "merge-failed");
        assertThat(received.get(1).getData().membership()).isEqualTo(new MembershipView(1, 3, true));
        assertThat(received.get(2).getData().membership()).isEqualTo(new MembershipView(3, 3, false));
        assertThat(received.get(1).getData().member()).isNull();
        assertThat(received.get(0).getData().membership()).isNull();
        subscription.dispose();
    }

    @Test
    void open_clientCancels_gridSubscriptionClosed() {
        Disposable subscription = new ClusterEventStream(cluster, Duration.ofMinutes(1)).open().subscribe();
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.openSubscriptions() == 1);

        subscription.dispose();

        assertThat(cluster.openSubscriptions()).isZero();
        assertThat(cluster.closedSubscriptions()).isEqualTo(1);
    }

    @Test
    void open_idle_sendsHeartbeats() {
        List<String> names = new CopyOnWriteArrayList<>();
        Disposable subscription = new ClusterEventStream(cluster, Duration.ofMillis(50)).open()
                .subscribe(e -> names.add(e.getName()));
        await().atMost(Duration.ofSeconds(5)).until(() -> names.stream().filter("heartbeat"::equals).count() >= 2);
        subscription.dispose();
        assertThat(cluster.openSubscriptions()).isZero();
    }
}
