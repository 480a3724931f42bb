package dev.flotilla.server.client;

import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.LoadBalancing;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.server.fixture.PortForward;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against 3 real nodes: requests spread as the balancing policy says. */
@Timeout(120)
class ClientBalancingTest {
    private static ThreeNodes cluster;
    private static PortForward slowFirstNode;
    /**
     * The slow node's added latency: far above a normal answer even on a loaded 2-core box (tens of ms), so that
     * least-outstanding sends it well under a sixth of the requests; at 40 ms a slow CI run made the shares meet.
     */
    private static final long SLOW_NODE_DELAY_MILLIS = 250;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThreeNodes.start();
        slowFirstNode = PortForward.delaying(cluster.node(0).uri(), SLOW_NODE_DELAY_MILLIS);
    }

    @AfterAll
    static void stop() throws Exception {
        slowFirstNode.close();
        cluster.close();
    }

    private static FlotillaClient client(LoadBalancing policy, List<URI> endpoints) {
        return FlotillaClient.builder().endpoints(endpoints).loadBalancing(policy).healthCheck(HealthCheck.disabled()).build();
    }

    private static Map<URI, Long> requestsPerNode(FlotillaClient client) {
        return client.endpoints().stream().collect(Collectors.toMap(EndpointStatus::uri, EndpointStatus::requests));
    }

    /** {@code total} gets from {@code workers} threads at once. */
    private static void load(RemoteMap map, int workers, int total) {
        map.put("hot", Map.of("n", 1));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<CompletableFuture<?>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < total / workers; i++) {
                        assertThat(map.get("hot")).isPresent();
                    }
                }, pool));
            }
            runs.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void roundRobin_threeHealthyNodes_evenSpread() {
        try (FlotillaClient client = client(LoadBalancing.ROUND_ROBIN, cluster.uris())) {
            RemoteMap map = client.map("spread");
            for (int i = 0; i < 300; i++) {
                map.put("k" + i, Map.of("i", i));
            }

            assertThat(requestsPerNode(client).values()).allSatisfy(n -> assertThat(n).isBetween(99L, 102L));
        }
    }

    @Test
    void leastOutstanding_threeIdleNodes_evenSpread() {
        try (FlotillaClient client = client(LoadBalancing.LEAST_OUTSTANDING, cluster.uris())) {
            RemoteMap map = client.map("spread");
            for (int i = 0; i < 300; i++) {
                map.get("k" + i);
            }

            assertThat(requestsPerNode(client).values()).allSatisfy(n -> assertThat(n).isBetween(99L, 101L));
        }
    }

    @Test
    void leastOutstanding_oneSlowNode_prefersIdleNodes() {
        List<URI> endpoints = List.of(slowFirstNode.uri(), cluster.node(1).uri(), cluster.node(2).uri());
        try (FlotillaClient client = client(LoadBalancing.LEAST_OUTSTANDING, endpoints)) {
            load(client.map("slow"), 6, 300);

            Map<URI, Long> requests = requestsPerNode(client);
            long slow = requests.get(slowFirstNode.uri());
            long total = requests.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("least-outstanding with one slow node: %d of %d requests to it; %s%n", slow, total, requests);
            assertThat(slow).as("requests to the slow node, of %s: %s", total, requests).isLessThan(total / 6);
        }
    }

    @Test
    void roundRobin_oneSlowNode_stillEvenSpread() {
        List<URI> endpoints = List.of(slowFirstNode.uri(), cluster.node(1).uri(), cluster.node(2).uri());
        try (FlotillaClient client = client(LoadBalancing.ROUND_ROBIN, endpoints)) {
            load(client.map("slow"), 6, 150);

            Map<URI, Long> requests = requestsPerNode(client);
            long total = requests.values().stream().mapToLong(Long::longValue).sum();
            assertThat(requests.get(slowFirstNode.uri())).as("%s", requests).isBetween(total / 3 - 3, total / 3 + 3);
        }
    }

    @Test
    void clusterViews_anyNode_sameCluster() {
        try (FlotillaClient client = client(LoadBalancing.ROUND_ROBIN, cluster.uris())) {
            List<String> names = java.util.stream.IntStream.range(0, 3).mapToObj(i -> client.cluster().name()).distinct().toList();

            assertThat(names).hasSize(1);
            assertThat(client.members().members()).hasSize(3);
            assertThat(client.partitions().partitionCount()).isEqualTo(31);
            assertThat(client.migrations()).isNotNull();
        }
    }

}
