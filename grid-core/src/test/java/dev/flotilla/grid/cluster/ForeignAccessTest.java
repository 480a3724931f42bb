package dev.flotilla.grid.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.fixture.PlainMember;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a stranger who knows the cluster name can do: Hazelcast Community has no member authentication, so it can
 * join; Flotilla closes the native client protocol and makes such a member visible.
 */
@Timeout(180)
class ForeignAccessTest {
    private static final String SECRET = "0123456789abcdef-test-secret";

    private static String randomName() {
        return "test-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void nativeClient_withTheClusterName_cannotConnect() {
        String name = randomName();
        int port = LoopbackProfile.freePort();
        try (Grid grid = Grid.start(GridCluster.testDefaults(name).port(port).build())) {
            assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(client(name, port)).shutdown())
                    .isInstanceOf(IllegalStateException.class);
            assertThat(grid.cluster().members()).hasSize(1);
        }
    }

    @Test
    void nativeClient_connects_whenTheClientProtocolIsOpened() {
        String name = randomName();
        int port = LoopbackProfile.freePort();
        try (Grid grid = Grid.start(GridCluster.testDefaults(name).port(port).clientProtocol(true).build())) {
            HazelcastInstance client = HazelcastClient.newHazelcastClient(client(name, port));
            try {
                client.getMap("orders").put("k", "v");
                assertThat(grid.hazelcast().getMap("orders").get("k")).isEqualTo("v");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void plainHazelcastMember_withTheClusterName_joins_andIsReportedUnknown() {
        String name = randomName();
        int port = LoopbackProfile.freePort();
        try (Grid grid = Grid.start(GridCluster.testDefaults(name).port(port).build())) {
            List<ClusterEvent.UnknownMember> reported = new CopyOnWriteArrayList<>();
            grid.cluster().subscribe(event -> {
                if (event instanceof ClusterEvent.UnknownMember unknown) {
                    reported.add(unknown);
                }
            });
            // An intruder copies what a join checks besides the name, as anyone who has read a member's log can.
            HazelcastInstance intruder = PlainMember.join(name, "127.0.0.1:" + port,
                    GridCluster.testDefaults(name).build().partitionCount());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> grid.cluster().members().size() == 2);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
                String intruderAddress = "127.0.0.1:" + intruder.getCluster().getLocalMember().getAddress().getPort();
                assertThat(reported).singleElement().satisfies(unknown -> {
                    assertThat(unknown.member().address()).isEqualTo(intruderAddress);
                    assertThat(unknown.reason()).contains("not a Flotilla member");
                });
                assertThat(grid.cluster().unknownMembers().keySet()).extracting(MemberInfo::address)
                        .containsExactly(intruderAddress);
            } finally {
                intruder.getLifecycleService().terminate();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> grid.cluster().unknownMembers().isEmpty());
        }
    }

    @Test
    void withAMemberSecret_membersThatKnowIt_areRecognised_andOneWithAnotherSecret_isNot() {
        String name = randomName();
        try (GridCluster cluster = GridCluster.create(b -> b.clusterName(name).memberSecret(SECRET))) {
            Grid first = cluster.startMember();
            cluster.startMember();
            assertThat(first.cluster().unknownMembers()).isEmpty();

            int port = LoopbackProfile.freePort();
            GridConfig stranger = GridCluster.testDefaults(name).port(port)
                    .members(List.of(first.cluster().localMember().address()))
                    .memberSecret("another-secret-of-16-chars").build();
            try (Grid other = Grid.start(stranger)) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> first.cluster().unknownMembers().size() == 1);
                assertThat(first.cluster().unknownMembers().values()).singleElement().asString()
                        .contains("signature does not match");
                // The stranger sees the two real members as unknown too: neither signed with its secret.
                assertThat(other.cluster().unknownMembers()).hasSize(2);
            }
        }
    }

    @Test
    void memberSecret_isNeverPrinted_andMustBeLongEnough() {
        GridConfig config = GridConfig.builder().memberSecret(SECRET).build();
        assertThat(config.toString()).doesNotContain(SECRET).contains("memberSecret=(hidden)");
        assertThatThrownBy(() -> GridConfig.builder().memberSecret("short").build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("member-secret").hasMessageNotContaining("short");
    }

    private static ClientConfig client(String name, int port) {
        ClientConfig client = new ClientConfig().setClusterName(name);
        client.getNetworkConfig().addAddress("127.0.0.1:" + port);
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3000);
        return client;
    }
}
