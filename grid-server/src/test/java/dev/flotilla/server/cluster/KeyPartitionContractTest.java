package dev.flotilla.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.client.internal.KeyPartitioner;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's partition of a key is the grid's: 10,000 random keys (ASCII, accented, CJK, surrogate pairs, URL
 * metacharacters, up to the 256-character limit) through {@code KeyPartitioner}, a real member's partition service,
 * and {@code GET /cluster/partitions/key/{key}}; and the owner counter of the document requests agrees with the
 * owners that route names.
 */
@Timeout(240)
class KeyPartitionContractTest {
    private static final int PARTITIONS = 271; // Hazelcast's default, not the test config's 31
    private static final List<ServerNode> nodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        String cluster = ServerNode.randomClusterName();
        Map<String, Object> extra = Map.of("flotilla.partition-count", PARTITIONS);
        nodes.add(ServerNode.start(cluster, List.of(), extra));
        nodes.add(ServerNode.start(cluster, List.of(nodes.get(0).memberAddress()), extra));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                nodes.stream().allMatch(n -> n.grid().cluster().members().size() == 2));
    }

    @AfterAll
    static void stop() {
        nodes.forEach(ServerNode::close);
    }

    /** Keys the node accepts: 1-256 UTF-16 units, no control character, no '/', never only dots (a path segment). */
    static List<String> randomKeys(int count, long seed) {
        Random random = new Random(seed);
        int[][] ranges = {{0x20, 0x7e}, {0xa0, 0x24f}, {0x370, 0x3ff}, {0x4e00, 0x9fff}, {0x3040, 0x30ff},
                {0x1f300, 0x1faff}, {0x10000, 0x10ffff}};
        Set<String> keys = new LinkedHashSet<>(List.of("a", "key-1", "user@example", "straße", "😀", "a b", "100%", "x+y?z#w"));
        while (keys.size() < count) {
            int codePoints = random.nextInt(10) == 0 ? 1 + random.nextInt(200) : 1 + random.nextInt(20);
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < codePoints; i++) {
                int[] range = ranges[random.nextBoolean() ? 0 : random.nextInt(ranges.length)];
                int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
                if (cp != '/' && !Character.isISOControl(cp)) {
                    key.appendCodePoint(cp);
                }
            }
            String k = key.toString();
            if (!k.isEmpty() && k.length() <= 256 && !k.chars().allMatch(c -> c == '.')) {
                keys.add(k);
            }
        }
        return new ArrayList<>(keys);
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void partition_tenThousandRandomKeys_clientEqualsMemberAndServer() {
        List<String> keys = randomKeys(10_000, 20261202L);
        Http http = new Http(nodes.get(1).uri());
        var service = nodes.get(0).grid().hazelcast().getPartitionService();
        List<String> mismatches = new ArrayList<>();
        for (String key : keys) {
            int computed = KeyPartitioner.partition(key, PARTITIONS);
            int member = service.getPartition(key).getPartitionId();
            Http.Reply reply = http.get("/cluster/partitions/key/" + encode(key));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode body = reply.json();
            if (computed != member || computed != body.path("partitionId").asInt(-1) || !key.equals(body.path("key").asText())) {
                mismatches.add(key + ": client " + computed + ", member " + member + ", server " + body);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(keys).hasSize(10_000).anyMatch(k -> k.codePoints().anyMatch(Character::isSupplementaryCodePoint))
                .anyMatch(k -> k.length() > 200);
    }

    @Test
    void keyPartition_badKey_invalidKey() {
        Http http = new Http(nodes.get(0).uri());
        http.get("/cluster/partitions/key/" + "k".repeat(257)).assertProblem(400, "invalid-key", true);
        http.get("/cluster/partitions/key/a?x=1").assertProblem(400, "unknown-parameter", true);
    }

    @Test
    void documentRequests_countedByOwner_asTheRouteNamesIt() {
        ServerNode node = nodes.get(0);
        Http http = new Http(node.uri());
        MeterRegistry registry = node.context().getBean(MeterRegistry.class);
        double localBefore = count(registry, "local");
        double remoteBefore = count(registry, "remote");
        int owned = 0;
        List<String> keys = randomKeys(300, 7L);
        for (String key : keys) {
            String owner = http.get("/cluster/partitions/key/" + encode(key)).json().path("owner").asText();
            owned += owner.equals(node.memberAddress()) ? 1 : 0;
            assertThat(http.put("/maps/owners/" + encode(key), "{\"v\":1}").status()).isIn(200, 201);
            assertThat(http.get("/maps/owners/" + encode(key)).status()).isEqualTo(200);
            assertThat(http.delete("/maps/owners/" + encode(key)).status()).isIn(200, 204);
        }
        assertThat(count(registry, "local") - localBefore).isEqualTo(3.0 * owned);
        assertThat(count(registry, "remote") - remoteBefore).isEqualTo(3.0 * (keys.size() - owned));
        assertThat(owned).isBetween(1, keys.size() - 1);
        assertThat(http.post("/maps/owners/batch", "{\"get\":[\"a\"]}").status()).isEqualTo(200);
        assertThat(count(registry, "local") + count(registry, "remote") - localBefore - remoteBefore)
                .as("a batch is not a document request").isEqualTo(3.0 * keys.size());
    }

    private static double count(MeterRegistry registry, String owner) {
        return registry.get("flotilla.map.requests").tag("owner", owner).counter().count();
    }
}
