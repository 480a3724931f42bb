package dev.flotilla.server.client;

import dev.flotilla.client.EndpointState;
import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.server.fixture.ServerNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owner-aware routing against real nodes in this JVM: the client follows the partition table through a member
 * joining (partitions migrate to it) and a member crashing ({@code terminate()}), every request succeeds
 * throughout, and once the table settles the nodes' own counters show every document request answered by the
 * key's owner ({@code flotilla_map_requests_total{owner="remote"}} unchanged).
 */
@Timeout(240)
class OwnerRoutingTest {
    private final String clusterName = ServerNode.randomClusterName();
    private final List<ServerNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (ServerNode node : nodes) {
            if (node.context().isRunning()) {
                node.grid().terminate();
                node.close();
            }
        }
    }

    private ServerNode start(Map<String, Object> extra) {
        List<String> join = running().stream().map(ServerNode::memberAddress).toList();
        ServerNode node = ServerNode.start(clusterName, join, extra);
        nodes.add(node);
        return node;
    }

    private List<ServerNode> running() {
        return nodes.stream().filter(n -> n.context().isRunning()).toList();
    }

    private static FlotillaClient client(List<URI> endpoints) {
        return FlotillaClient.builder().endpoints(endpoints)
                .healthCheck(HealthCheck.every(Duration.ofMillis(200)))
                .partitionRouting(PartitionRouting.every(Duration.ofSeconds(2)))
                .retryPolicy(RetryPolicy.of(8, Duration.ofMillis(50), Duration.ofSeconds(1)))
                .build();
    }

    private static double requests(ServerNode node, String owner) {
        return node.context().getBean(MeterRegistry.class).get("flotilla.map.requests").tag("owner", owner).counter().count();
    }

    /** Document requests answered by running nodes whose member did not own the key. */
    private double remote() {
        return running().stream().mapToDouble(n -> requests(n, "remote")).sum();
    }

    /**
     * Waits until the table stopped moving and the client routes by it: every running node has the same partition
     * stamp, the client's table has it and names an endpoint of ours for every partition, and the client sees every
     * running node healthy (no migration: a degraded owner is passed over while another node is healthy), and every
     * node's cluster is safe: between two migrations of one rebalance the stamps can agree for a moment while more
     * partitions are still to move.
     */
    private void awaitSettled(FlotillaClient client) {
        Awaitility.await("the table settles and the client follows it").atMost(Duration.ofSeconds(90)).until(() -> {
            List<ServerNode> live = running();
            Set<Long> stamps = new HashSet<>();
            live.forEach(n -> stamps.add(n.grid().cluster().partitions().stamp()));
            Set<URI> liveUris = new HashSet<>(live.stream().map(ServerNode::uri).toList());
            boolean healthy = client.endpoints().stream().filter(e -> liveUris.contains(e.uri()))
                    .allMatch(e -> e.state() == EndpointState.HEALTHY);
            var routing = client.routing();
            boolean safe = live.stream().allMatch(n -> n.grid().cluster().safety().clusterSafe());
            return safe && stamps.size() == 1 && routing.usable() && routing.stamp() == stamps.iterator().next()
                    && routing.routedPartitions() == routing.partitionCount() && healthy
                    && live.stream().allMatch(n -> n.grid().cluster().members().size() == live.size());
        });
    }

    /** {@code rounds} of put then get of every key; each must succeed. */
    private static void readWrite(RemoteMap map, List<String> keys, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (String key : keys) {
                assertThat(map.put(key, Map.of("r", r))).isPositive();
                assertThat(map.get(key)).isPresent();
            }
        }
    }

    @Test
    void routing_memberJoins_clientFollowsMigrationAndRequestsLandOnOwners() {
        start(Map.of());
        start(Map.of());
        int thirdPort = LoopbackProfile.freePort();
        URI third = URI.create("http://127.0.0.1:" + thirdPort);
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "join-" + i).toList();
        try (FlotillaClient client = client(List.of(nodes.get(0).uri(), nodes.get(1).uri(), third))) {
            RemoteMap map = client.map("routed");
            awaitSettled(client);
            double before = remote();
            readWrite(map, keys, 2);
            assertThat(remote() - before).as("two members, both owners reached directly").isZero();

            AtomicBoolean load = new AtomicBoolean(true);
            AtomicInteger done = new AtomicInteger();
            Map<String, Throwable> failures = new ConcurrentHashMap<>();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; load.get(); i++) {
                    String key = keys.get(i % keys.size());
                    try {
                        map.put(key, Map.of("i", i));
                        map.get(key).orElseThrow();
                        done.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.put(key + "#" + i, e);
                    }
                }
            });
            long refreshes = client.routing().refreshes();
            ServerNode joined = start(Map.of("micronaut.server.port", thirdPort));
            awaitSettled(client);
            load.set(false);
            writer.join();

            assertThat(failures).as("requests during the migration").isEmpty();
            assertThat(done.get()).isPositive();
            assertThat(client.routing().refreshes()).isGreaterThan(refreshes);
            double remoteBefore = remote();
            double joinedBefore = requests(joined, "local");
            readWrite(map, keys, 2);
            assertThat(remote() - remoteBefore).as("after the table settled, no request needed a hop").isZero();
            assertThat(requests(joined, "local") - joinedBefore).as("the new member's keys go to it").isPositive();
        }
    }

    @Test
    void routing_memberCrashes_requestsFallBackAndTableFollowsTheNewOwners() {
        for (int i = 0; i < 3; i++) {
            start(Map.of());
        }
        ServerNode victim = nodes.get(2);
        URI victimUri = victim.uri();
        List<String> victimsKeys = IntStream.range(0, 2000).mapToObj(i -> "crash-" + i)
                .filter(k -> nodes.get(0).grid().cluster().partitionOf(k).owner().equals(victim.memberAddress()))
                .limit(60).toList();
        try (FlotillaClient client = client(nodes.stream().map(ServerNode::uri).toList())) {
            RemoteMap map = client.map("routed");
            awaitSettled(client);
            double before = requests(victim, "local");
            readWrite(map, victimsKeys, 1);
            assertThat(requests(victim, "local") - before).as("its keys went to it").isEqualTo(2.0 * victimsKeys.size());
            long refreshes = client.routing().refreshes();

            victim.grid().terminate(); // a crash: no partitions handed over
            victim.close();
            readWrite(map, victimsKeys, 1); // routed to a dead owner: each falls back to the balancer and succeeds

            awaitSettled(client);
            assertThat(client.routing().refreshes()).isGreaterThan(refreshes);
            assertThat(client.endpoints()).filteredOn(e -> e.uri().equals(victimUri)).extracting(EndpointStatus::state)
                    .containsExactly(EndpointState.EJECTED);
            double remoteBefore = remote();
            readWrite(map, victimsKeys, 2);
            assertThat(remote() - remoteBefore).as("the promoted owners are reached directly").isZero();
        }
    }
}
