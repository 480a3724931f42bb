package dev.flotilla.client.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WireRecordsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void problem_roundTrip_keepsEveryMember() throws Exception {
        Problem problem = Problem.of(ErrorCode.VERSION_MISMATCH, "expected 1, found 2", "/maps/m/k").withCurrentVersion(2);
        String text = json.writeValueAsString(problem);
        assertThat(json.readTree(text).get("type").asText()).isEqualTo("urn:flotilla:problem:version-mismatch");
        assertThat(json.readValue(text, Problem.class)).isEqualTo(problem);
    }

    @Test
    void problem_withoutVersion_omitsCurrentVersion() throws Exception {
        String text = json.writeValueAsString(Problem.of(ErrorCode.NOT_FOUND, "no key", "/maps/m/k"));
        assertThat(json.readTree(text).has("currentVersion")).isFalse();
        assertThat(json.readTree(text).get("definite").asBoolean()).isTrue();
    }

    @Test
    void problem_unknownCode_fallsBackToInternal() throws Exception {
        Problem p = json.readValue("{\"code\":\"from-the-future\",\"status\":418,\"extra\":1}", Problem.class);
        assertThat(p.errorCode()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void batchResponse_serverShape_parses() throws Exception {
        BatchResponse r = json.readValue("{\"entries\":{\"a\":{\"version\":3,\"value\":{\"x\":[1,2]}}},"
                + "\"missing\":[\"b\"],\"versions\":{\"c\":1}}", BatchResponse.class);
        assertThat(r.entries().get("a").version()).isEqualTo(3);
        assertThat(r.entries().get("a").value().get("x").get(1).asInt()).isEqualTo(2);
        assertThat(r.missing()).containsExactly("b");
        assertThat(r.versions()).containsEntry("c", 1L);
    }

    @Test
    void clusterViews_roundTrip_equal() throws Exception {
        MemberView member = new MemberView("u-1", "127.0.0.1:5701", true, false, "5.4.0", Map.of("zone", "a"));
        MigrationView migration = new MigrationView("2024-01-01T00:00:00Z", 10, 10, 0, 120, true);
        ClusterSummary summary = new ClusterSummary("c", member, 1, new SafetyView(true, true, true), 31,
                new MigrationSummary(false, false, 1, migration));
        PartitionsView partitions = new PartitionsView(7, 1, Map.of("127.0.0.1:5701", 1), 0,
                List.of(new PartitionView(0, "127.0.0.1:5701", List.of())));
        ClusterEventView event = new ClusterEventView("member-joined", "2024-01-01T00:00:00Z", member, null, null, null, null);
        for (Object view : List.of(summary, partitions, event, new MembersView(List.of(member)),
                new MigrationsView(null, List.of(migration), false))) {
            assertThat(json.readValue(json.writeValueAsString(view), view.getClass())).isEqualTo(view);
        }
        assertThat(json.writeValueAsString(event)).doesNotContain("migration");
    }

    @Test
    void clusterMapsView_roundTrip_equalAndUnknownMembersIgnored() throws Exception {
        MapStatisticsView orders = new MapStatisticsView("orders", 40, 40, 5120, 5120, 1, 40, 0, 2.5);
        ClusterMapsView view = new ClusterMapsView("2024-01-01T00:00:00Z",
                List.of(new MemberMapsView("127.0.0.1:5701", "2024-01-01T00:00:00Z", 31, 0, 10.2, List.of(orders))),
                List.of("127.0.0.1:5702"), List.of(orders));
        String text = json.writeValueAsString(view);

        assertThat(json.readValue(text, ClusterMapsView.class)).isEqualTo(view);
        assertThat(json.readValue(text.replaceFirst("\\{", "{\"later\":1,"), ClusterMapsView.class)).isEqualTo(view);
    }

    @Test
    void clusterEventView_splitDetected_roundTripsWithMembership() throws Exception {
        ClusterEventView split = new ClusterEventView("split-detected", "2024-01-01T00:00:00Z", null, null, null, null,
                null, new MembershipView(1, 3, true));
        String text = json.writeValueAsString(split);

        assertThat(text).isEqualTo("{\"type\":\"split-detected\",\"at\":\"2024-01-01T00:00:00Z\","
                + "\"membership\":{\"seen\":1,\"expected\":3,\"minority\":true}}");
        assertThat(json.readValue(text, ClusterEventView.class)).isEqualTo(split);
    }

    @Test
    void clusterEventView_partitionLost_roundTripsWithMapsAndPromotedHasNone() throws Exception {
        ClusterEventView lost = new ClusterEventView("partition-lost", "2024-01-01T00:00:00Z", null, null, 7, 1,
                "127.0.0.1:5701", null, List.of("orders"));
        assertThat(json.readValue(json.writeValueAsString(lost), ClusterEventView.class)).isEqualTo(lost);
        ClusterEventView promoted = new ClusterEventView("partition-promoted", "2024-01-01T00:00:00Z", null, null, 8, 0,
                "127.0.0.1:5701");
        assertThat(json.writeValueAsString(promoted)).doesNotContain("maps");
        ClusterEventView old = json.readValue("{\"type\":\"partition-lost\",\"at\":\"2024-01-01T00:00:00Z\","
                + "\"partitionId\":3,\"lostReplicaIndex\":0}", ClusterEventView.class);
        assertThat(old.maps()).isNull();
        assertThat(old.partitionId()).isEqualTo(3);
    }

    @Test
    void clusterEventView_olderServerEvent_parsesWithoutMembership() throws Exception {
        ClusterEventView old = json.readValue("{\"type\":\"member-left\",\"at\":\"2024-01-01T00:00:00Z\","
                + "\"member\":{\"uuid\":\"u\",\"address\":\"127.0.0.1:5701\"}}", ClusterEventView.class);

        assertThat(old.membership()).isNull();
        assertThat(old.member().address()).isEqualTo("127.0.0.1:5701");
    }

    @Test
    void guaranteeFamilyViews_serverShape_parse() throws Exception {
        assertThat(json.readValue("{\"namespace\":\"n\",\"mode\":\"cp\",\"key\":\"r\",\"value\":null}", RegisterView.class))
                .isEqualTo(new RegisterView("n", "cp", "r", null));
        assertThat(json.readValue("{\"namespace\":\"n\",\"mode\":\"cp\",\"key\":\"r\",\"applied\":false,\"value\":null,\"x\":1}",
                RegisterCompareAndSetResult.class).applied()).isFalse();
        assertThat(json.readValue("{\"namespace\":\"n\",\"mode\":\"unsafe\",\"elements\":[-1,3]}", GrowSetView.class).elements())
                .containsExactly(-1L, 3L);
        assertThat(json.readValue("{\"namespace\":\"n\",\"mode\":\"locked\",\"value\":12}", CounterView.class).value())
                .isEqualTo(12);
    }

    @Test
    void compareAndSetRequest_nullExpected_writtenAsNull() throws Exception {
        String text = json.writeValueAsString(new RegisterCompareAndSetRequest("atomic-key", null, 4));

        assertThat(text).isEqualTo("{\"mode\":\"atomic-key\",\"expected\":null,\"value\":4}");
    }
}
