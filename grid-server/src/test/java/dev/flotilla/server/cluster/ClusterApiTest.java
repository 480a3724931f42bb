package dev.flotilla.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.server.fixture.EventStream;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class ClusterApiTest {
    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void summary_singleNode_describesClusterAndLocalMember() throws Exception {
        Http.Reply reply = http.get("/cluster");
        assertThat(reply.status()).isEqualTo(200);
        ClusterSummary summary = Http.JSON.readValue(reply.body(), ClusterSummary.class);
        assertThat(summary.name()).isEqualTo(node.grid().config().clusterName());
        assertThat(summary.localMember().address()).isEqualTo(node.memberAddress());
        assertThat(summary.localMember().local()).isTrue();
        assertThat(summary.memberCount()).isEqualTo(1);
        assertThat(summary.partitionCount()).isEqualTo(31);
        assertThat(summary.safety().running()).isTrue();
        assertThat(summary.migrations()).isNotNull();
        assertThat(reply.json().get("localMember").get("attributes").isObject()).isTrue();
    }

    @Test
    void summary_backgroundSafetyCheck_safeWithRecentCheckedAt() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ClusterSummary summary = Http.JSON.readValue(http.get("/cluster").body(), ClusterSummary.class);
            assertThat(summary.safety().clusterSafe()).isTrue();
            assertThat(summary.safety().localMemberSafe()).isTrue();
            assertThat(summary.safety().checkedAt()).isNotNull();
            assertThat(java.time.Instant.parse(summary.safety().checkedAt()))
                    .isAfter(java.time.Instant.now().minusSeconds(5));
        });
    }

    @Test
    void members_singleNode_listsLocalMember() throws Exception {
        MembersView members = Http.JSON.readValue(http.get("/cluster/members").body(), MembersView.class);
        assertThat(members.members()).singleElement().satisfies(m -> {
            assertThat(m.address()).isEqualTo(node.memberAddress());
            assertThat(m.version()).startsWith("5.4");
        });
    }

    @Test
    void partitions_singleNode_everyPartitionOwnedWithoutBackups() throws Exception {
        // Older grid-core builds assign partitions lazily, on the first data operation.
        http.put("/maps/assign/k", "{}");
        Http.Reply reply = http.get("/cluster/partitions");
        PartitionsView partitions = Http.JSON.readValue(reply.body(), PartitionsView.class);
        assertThat(partitions.partitionCount()).isEqualTo(31);
        assertThat(partitions.partitions()).hasSize(31);
        assertThat(partitions.partitions()).allSatisfy(p -> {
            assertThat(p.owner()).isEqualTo(node.memberAddress());
            assertThat(p.backups()).isEmpty();
        });
        assertThat(partitions.ownedCounts()).containsExactlyEntriesOf(java.util.Map.of(node.memberAddress(), 31));
        assertThat(partitions.unowned()).isZero();
        assertThat(reply.json().get("partitions").get(0).get("backups").isArray()).as("empty lists are sent").isTrue();
    }

    @Test
    void migrations_singleNode_noneInFlight() throws Exception {
        Http.Reply reply = http.get("/cluster/migrations");
        MigrationsView migrations = Http.JSON.readValue(reply.body(), MigrationsView.class);
        assertThat(migrations.inFlight()).isNull();
        assertThat(migrations.recent()).isNotNull();
        assertThat(reply.json().get("recent").isArray()).isTrue();
    }

    @Test
    void events_newSubscriber_firstEventIsSubscribed() {
        try (EventStream events = EventStream.open(node.uri().resolve("/cluster/events"))) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.contentType()).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> !events.events().isEmpty());
            EventStream.Received first = events.events().get(0);
            assertThat(first.name()).isEqualTo("subscribed");
            assertThat(first.data().get("type").asText()).isEqualTo("subscribed");
            assertThat(first.data().get("member").get("address").asText()).isEqualTo(node.memberAddress());
            assertThat(first.data().has("migration")).as("absent fields are left out").isFalse();
        }
    }

    @Test
    void clusterEndpoints_unknownParameter_returns400Problem() {
        for (String path : new String[]{"/cluster", "/cluster/members", "/cluster/partitions", "/cluster/migrations",
                "/cluster/events"}) {
            JsonNode problem = http.get(path + "?verbose=true").assertProblem(400, "unknown-parameter", true);
            assertThat(problem.get("detail").asText()).contains("verbose");
        }
    }

    @Test
    void clusterEndpoints_wrongMethod_returns405Problem() {
        http.post("/cluster/members", "{}").assertProblem(405, "method-not-allowed", true);
    }
}
