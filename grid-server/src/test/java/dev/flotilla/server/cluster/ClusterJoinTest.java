package dev.flotilla.server.cluster;

import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.server.fixture.EventStream;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two server nodes in one JVM: a join is visible in migrations, partitions, events, health and metrics. */
@Timeout(180)
class ClusterJoinTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private ServerNode first;
    private ServerNode second;

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void secondNode_joins_visibleInMigrationsPartitionsEventsHealthAndMetrics() throws Exception {
        String cluster = ServerNode.randomClusterName();
        first = ServerNode.start(cluster, List.of(), Map.of());
        Http firstHttp = new Http(first.uri());
        for (int i = 0; i < 20; i++) {
            firstHttp.put("/maps/joined/k" + i, "{\"i\":" + i + "}");
        }
        try (EventStream events = EventStream.open(first.uri().resolve("/cluster/events"))) {
            await().atMost(SETTLE).until(() -> events.names().contains("subscribed"));

            second = ServerNode.start(cluster, List.of(first.memberAddress()), Map.of());
            Http secondHttp = new Http(second.uri());

            await("join and migration events").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> events.names().containsAll(List.of("member-joined", "migration-started", "migration-finished")));
            EventStream.Received joined = events.events().stream().filter(e -> "member-joined".equals(e.name())).findFirst().orElseThrow();
            assertThat(joined.data().get("member").get("address").asText()).isEqualTo(second.memberAddress());
            EventStream.Received finished = events.events().stream().filter(e -> "migration-finished".equals(e.name())).findFirst().orElseThrow();
            assertThat(finished.data().get("migration").get("finished").asBoolean()).isTrue();
            assertThat(events.names().indexOf("migration-started")).isLessThan(events.names().lastIndexOf("migration-finished"));

            await("a finished migration on the master").atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                MigrationsView migrations = Http.JSON.readValue(firstHttp.get("/cluster/migrations").body(), MigrationsView.class);
                assertThat(migrations.recent()).isNotEmpty();
                assertThat(migrations.recent().get(0).finished()).isTrue();
                assertThat(migrations.recent().get(0).completed()).isPositive();
            });

            for (Http http : List.of(firstHttp, secondHttp)) {
                await("every partition has an owner and one backup").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> {
                            PartitionsView partitions = Http.JSON.readValue(http.get("/cluster/partitions").body(), PartitionsView.class);
                            assertThat(partitions.partitions()).hasSize(31).allSatisfy(p -> {
                                assertThat(p.owner()).isNotNull();
                                assertThat(p.backups()).hasSize(1).doesNotContain(p.owner());
                            });
                            assertThat(partitions.ownedCounts()).containsOnlyKeys(first.memberAddress(), second.memberAddress());
                        });
                await("safe to stop a member").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                        .until(() -> http.get("/health/safe").status() == 200);
                assertThat(http.get("/health").status()).isEqualTo(200);
                assertThat(http.get("/cluster").json().get("memberCount").asInt()).isEqualTo(2);
                assertThat(http.get("/cluster/members").json().get("members")).hasSize(2);
            }
            assertThat(secondHttp.get("/maps/joined/k7").json().get("i").asInt()).isEqualTo(7);
            await("metrics").atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                String metrics = firstHttp.get("/prometheus").body();
                assertThat(metrics).contains("flotilla_cluster_members 2.0").contains("flotilla_cluster_safe 1.0");
                assertThat(metrics).containsPattern("flotilla_migrations_completed_total [1-9]");
            });

            second.close();
            second = null;
            await("member-left event").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> events.names().contains("member-left"));
            assertThat(firstHttp.get("/maps/joined/k13").json().get("i").asInt()).isEqualTo(13);
        }
    }
}
