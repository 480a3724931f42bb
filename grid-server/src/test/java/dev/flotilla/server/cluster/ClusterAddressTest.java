package dev.flotilla.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.PortForward;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes as on two machines: each member bound to its own address (127.0.30.11 and .12; Linux routes all of
 * 127/8 on lo), joined by a TCP member list, one of them behind a port forward (as behind NAT or a container's port
 * mapping) and known to the cluster only by its public address.
 */
@Timeout(180)
class ClusterAddressTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void members_onDistinctAddressesOneBehindAForward_everyoneSeesThePublicAddress() throws Exception {
        String cluster = ServerNode.randomClusterName();
        int firstPort = LoopbackProfile.freePort();
        int secondPort = LoopbackProfile.freePort();
        PortForward forward = track(PortForward.to("127.0.30.21", "127.0.30.11", firstPort));
        String firstPublic = forward.address();
        String secondAddress = "127.0.30.12:" + secondPort;
        // The first lists only itself (by its public address): a member list naming a member not yet up makes the
        // join wait for it.
        ServerNode first = track(ServerNode.start(cluster, List.of(), Map.of(
                "flotilla.bind-address", "127.0.30.11", "flotilla.port", firstPort,
                "flotilla.public-address", firstPublic, "flotilla.members", List.of(firstPublic))));
        ServerNode second = track(ServerNode.start(cluster, List.of(), Map.of(
                "flotilla.bind-address", "127.0.30.12", "flotilla.port", secondPort,
                "flotilla.members", List.of(firstPublic, secondAddress))));

        for (ServerNode node : List.of(first, second)) {
            Http http = new Http(node.uri());
            await("both members listed by " + node.uri()).atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                    .until(() -> addresses(http.get("/cluster/members").json()).equals(Set.of(firstPublic, secondAddress)));
        }
        assertThat(new Http(first.uri()).get("/cluster").json().get("localMember").get("address").asText())
                .isEqualTo(firstPublic);
        // The second member reached the first through the forward, never at its bind address.
        assertThat(forward.connections()).isPositive();
        assertThat(first.grid().hazelcast().getCluster().getLocalMember().getSocketAddress().getAddress()
                .getHostAddress()).isEqualTo("127.0.30.21");
    }

    private static Set<String> addresses(JsonNode members) {
        return StreamSupport.stream(members.get("members").spliterator(), false)
                .map(member -> member.get("address").asText()).collect(Collectors.toSet());
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }
}
