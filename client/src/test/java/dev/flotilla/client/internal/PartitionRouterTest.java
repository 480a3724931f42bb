package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.EndpointState;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.LoadBalancing;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.protocol.PartitionView;
import dev.flotilla.client.protocol.PartitionsView;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The table-following logic of owner-aware routing, against scripted nodes (no grid here: see grid-server's tests). */
@Timeout(60)
class PartitionRouterTest {
    private static final int PARTITIONS = 7;
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final List<FakeNode> nodes = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    /** Who owns each partition: an index into {@link #nodes}, or 9 for a member with no endpoint here. */
    private volatile int[] owners = {0, 1, 2, 0, 1, 2, 9};
    /** The node that answers 503 to {@code /cluster/members}, or -1. */
    private volatile int silent = -1;

    @AfterEach
    void stop() {
        nodes.forEach(FakeNode::close);
    }

    private static String member(int i) {
        return "10.0.0." + i + ":5701";
    }

    /** Three nodes: each names itself the local member, and answers the table and documents. */
    private List<Endpoint> start(int count, int... identities) throws IOException {
        for (int i = 0; i < count; i++) {
            int self = identities.length > 0 ? identities[i] : i;
            int index = i;
            nodes.add(new FakeNode((n, method, path, body) -> {
                requests.add(index + " " + method + " " + path);
                if (path.equals("/cluster/members") && index == silent) {
                    return FakeNode.Answer.json(503, "{}");
                }
                if (path.equals("/cluster/members")) {
                    return FakeNode.Answer.json(200, "{\"members\":[" + IntStream.range(0, 3)
                            .mapToObj(m -> "{\"uuid\":\"u" + m + "\",\"address\":\"" + member(m) + "\",\"local\":"
                                    + (m == self) + ",\"liteMember\":false,\"version\":\"5.4.0\",\"attributes\":{}}")
                            .collect(Collectors.joining(",")) + "]}");
                }
                if (path.equals("/cluster/partitions")) {
                    return FakeNode.Answer.json(200, table());
                }
                return FakeNode.Answer.json(200, "{\"node\":" + index + "}", "ETag", "\"1\"");
            }));
        }
        return nodes.stream().map(node -> new Endpoint(URI.create(node.uri()))).toList();
    }

    private String table() {
        int[] now = owners;
        return "{\"stamp\":" + java.util.Arrays.hashCode(now) + ",\"partitionCount\":" + PARTITIONS
                + ",\"ownedCounts\":{},\"unowned\":0,\"partitions\":[" + IntStream.range(0, PARTITIONS)
                .mapToObj(p -> "{\"id\":" + p + ",\"owner\":\"" + member(now[p]) + "\",\"backups\":[]}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private PartitionRouter router(List<Endpoint> endpoints) {
        HttpTransport transport = new HttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(5), null, null, null);
        return new PartitionRouter(endpoints, transport, new ObjectMapper(), PartitionRouting.every(INTERVAL), clock::get);
    }

    /** A router that learned its first table from its first tick (the first refresh is due at once). */
    private PartitionRouter afterFirstTick(List<Endpoint> endpoints) {
        PartitionRouter router = router(endpoints);
        tickUntilRefreshes(router, 1);
        return router;
    }

    /** One tick, then waits for the refresh it started to have learned the {@code n}-th table. */
    private static void tickUntilRefreshes(PartitionRouter router, int n) {
        router.tick();
        Awaitility.await().until(() -> router.status().refreshes() == n);
    }

    /** A key in {@code partition}. */
    private static String keyIn(int partition) {
        return IntStream.range(0, 10_000).mapToObj(i -> "key-" + i)
                .filter(k -> KeyPartitioner.partition(k, PARTITIONS) == partition).findFirst().orElseThrow();
    }

    private long partitionRequests() {
        return requests.stream().filter(r -> r.endsWith("/cluster/partitions")).count();
    }

    @Test
    void ownerOf_beforeFirstTable_unsure() throws IOException {
        PartitionRouter router = router(start(3));

        assertThat(router.ownerOf("a")).isNull();
        assertThat(router.status().usable()).isFalse();
    }

    @Test
    void refresh_threeNodes_ownersMapToTheirEndpoints() throws IOException {
        List<Endpoint> endpoints = start(3);
        PartitionRouter router = router(endpoints);

        router.refresh().join();

        for (int p = 0; p < PARTITIONS - 1; p++) {
            assertThat(router.ownerOf(keyIn(p))).as("partition " + p).isSameAs(endpoints.get(owners[p]));
        }
        assertThat(router.ownerOf(keyIn(6))).as("owner without an endpoint of ours").isNull();
        assertThat(router.status().routedPartitions()).isEqualTo(6);
        assertThat(router.status().partitionCount()).isEqualTo(PARTITIONS);
    }

    @Test
    void ownerOf_tableOlderThanThreeIntervals_unsure() throws IOException {
        PartitionRouter router = router(start(3));
        router.refresh().join();
        String key = keyIn(0);

        clock.addAndGet(INTERVAL.toNanos() * PartitionRouter.STALE_AFTER_INTERVALS);
        assertThat(router.ownerOf(key)).isNotNull();
        clock.addAndGet(1);
        assertThat(router.ownerOf(key)).isNull();
        assertThat(router.status().usable()).isFalse();
    }

    @Test
    void build_twoEndpointsClaimOneMember_routesNowhere() {
        Endpoint a = new Endpoint(URI.create("http://127.0.0.1:1"));
        Endpoint b = new Endpoint(URI.create("http://127.0.0.1:2"));
        Endpoint c = new Endpoint(URI.create("http://127.0.0.1:3"));
        Map<Endpoint, String> identities = new LinkedHashMap<>();
        identities.put(a, member(0));
        identities.put(b, member(0)); // both behind one proxy
        identities.put(c, member(1));
        PartitionsView view = new PartitionsView(5, 2, Map.of(), 0,
                List.of(new PartitionView(0, member(0), List.of()), new PartitionView(1, member(1), List.of())));

        PartitionRouter.Table table = PartitionRouter.build(view, identities, 0, Instant.now());

        assertThat(table.owners()).containsExactly(null, c);
    }

    @Test
    void tick_nothingChanged_noRefreshBeforeTheInterval() throws IOException {
        PartitionRouter router = afterFirstTick(start(3));

        for (int i = 0; i < 5; i++) {
            router.tick();
        }
        clock.addAndGet(INTERVAL.toNanos() / 2);
        router.tick();

        assertThat(partitionRequests()).isEqualTo(1);
        clock.addAndGet(INTERVAL.toNanos());
        tickUntilRefreshes(router, 2);
    }

    @Test
    void tick_endpointEjected_refreshesAndFollowsTheNewOwners() throws IOException {
        List<Endpoint> endpoints = start(3);
        PartitionRouter router = afterFirstTick(endpoints);
        String key = keyIn(2);
        assertThat(router.ownerOf(key)).isSameAs(endpoints.get(2));

        owners = new int[]{0, 1, 0, 0, 1, 1, 9}; // node 2's member left: its partitions moved
        endpoints.get(2).eject("connection refused");

        tickUntilRefreshes(router, 2);
        assertThat(router.ownerOf(key)).isSameAs(endpoints.get(0));
    }

    @Test
    void tick_refreshSoon_refreshesAtOnce() throws IOException {
        PartitionRouter router = afterFirstTick(start(3));

        router.refreshSoon();

        tickUntilRefreshes(router, 2);
    }

    @Test
    void refresh_anEndpointDoesNotSayWhoItIs_keepsTheMemberItNamedBefore() throws IOException {
        List<Endpoint> endpoints = start(3);
        PartitionRouter router = router(endpoints);
        router.refresh().join();
        silent = 1;

        router.refresh().join();

        assertThat(router.status().refreshes()).isEqualTo(2);
        assertThat(router.status().routedPartitions()).isEqualTo(6);
        assertThat(router.ownerOf(keyIn(1))).as("owned by the silent node").isSameAs(endpoints.get(1));
    }

    @Test
    void refresh_noEndpointAnswers_keepsTableAndSaysWhy() throws IOException {
        List<Endpoint> endpoints = start(3);
        PartitionRouter router = router(endpoints);
        router.refresh().join();
        nodes.forEach(FakeNode::close);

        router.refresh().join();

        assertThat(router.status().refreshes()).isEqualTo(1);
        assertThat(router.status().lastFailure()).contains("/cluster/members");
        assertThat(router.ownerOf(keyIn(0))).isSameAs(endpoints.get(0)); // still fresh: a hint until it is stale
    }

    @Test
    void choose_ownerInBestTier_taken_otherwiseBalancer() {
        List<Endpoint> endpoints = IntStream.range(0, 3).mapToObj(i -> new Endpoint(URI.create("http://127.0.0.1:" + (i + 1)))).toList();
        EndpointPool pool = new EndpointPool(endpoints, Balancer.of(LoadBalancing.ROUND_ROBIN));
        Endpoint owner = endpoints.get(1);

        assertThat(pool.choose(Set.of(), owner)).isSameAs(owner);
        assertThat(pool.choose(Set.of(owner), owner)).as("tried already: a retry goes elsewhere").isNotSameAs(owner);
        owner.probed(EndpointState.DEGRADED, "migrating");
        assertThat(IntStream.range(0, 10).mapToObj(i -> pool.choose(Set.of(), owner))).doesNotContain(owner);
        endpoints.forEach(e -> e.probed(EndpointState.DEGRADED, "migrating")); // a migration: every node says so
        assertThat(pool.choose(Set.of(), owner)).isSameAs(owner);
        owner.eject("refused");
        assertThat(IntStream.range(0, 10).mapToObj(i -> pool.choose(Set.of(), owner))).doesNotContain(owner);
    }

    @Test
    void client_routingOn_documentsGoToOwners_andAnOwnerGoneFallsBack() throws IOException {
        start(3);
        try (FlotillaClient client = FlotillaClient.builder().endpoints(nodes.stream().map(FakeNode::uri).toArray(String[]::new))
                .healthCheck(HealthCheck.disabled()).partitionRouting(PartitionRouting.every(Duration.ofMinutes(1)))
                .retryPolicy(new dev.flotilla.client.RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)))
                .build()) {
            Awaitility.await().until(() -> client.routing().usable());
            for (int p = 0; p < PARTITIONS - 1; p++) {
                String key = keyIn(p);
                requests.clear();
                assertThat(client.map("m").get(key)).isPresent();
                assertThat(requests).filteredOn(r -> r.contains("/maps/")).singleElement().asString()
                        .startsWith(owners[p] + " ");
            }

            long before = client.routing().refreshes();
            owners = new int[]{0, 1, 0, 0, 1, 1, 9};
            nodes.get(2).close(); // the owner of partition 2 is gone
            assertThat(client.map("m").get(keyIn(2))).as("served by another node").isPresent();
            Awaitility.await().until(() -> client.routing().refreshes() > before);
            requests.clear();
            assertThat(client.map("m").get(keyIn(2))).isPresent();
            assertThat(requests).filteredOn(r -> r.contains("/maps/")).singleElement().asString().startsWith("0 ");
        }
    }
}
