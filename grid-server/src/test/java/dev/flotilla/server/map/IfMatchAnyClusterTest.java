package dev.flotilla.server.map;

import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code If-Match: *} on a three-node cluster: the read and the compare-and-set are two grid calls, and the second
 * must not be made from the Hazelcast thread that completed the first (keys owned by other members failed with 500).
 */
@Timeout(180)
class IfMatchAnyClusterTest {
    private static final int KEYS = 30;
    private static final List<ServerNode> nodes = new ArrayList<>();
    private static Http http;

    @BeforeAll
    static void start() {
        String cluster = ServerNode.randomClusterName();
        for (int i = 0; i < 3; i++) {
            nodes.add(ServerNode.start(cluster, nodes.stream().map(ServerNode::memberAddress).toList(), Map.of()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> nodes.stream().allMatch(n -> n.grid().cluster().members().size() == 3));
        http = new Http(nodes.get(0).uri());
    }

    @AfterAll
    static void stop() {
        nodes.forEach(ServerNode::close);
    }

    @Test
    void putIfMatchAny_existingKeysOnEveryMember_replacedWith200() {
        for (int i = 0; i < KEYS; i++) {
            assertThat(http.put("/maps/ifany/present-" + i, "{\"n\":0}").status()).isEqualTo(201);
        }

        for (int i = 0; i < KEYS; i++) {
            Http.Reply reply = http.put("/maps/ifany/present-" + i, "{\"n\":1}", "If-Match", "*");

            assertThat(reply.status()).as("key %d: %s", i, reply.body()).isEqualTo(200);
            assertThat(reply.header("ETag")).contains("\"2\"");
        }
    }

    @Test
    void putIfMatchAny_absentKeysOnEveryMember_preconditionFailedNever500() {
        for (int i = 0; i < KEYS; i++) {
            Http.Reply reply = http.put("/maps/ifany/absent-" + i, "{\"n\":1}", "If-Match", "*");

            reply.assertProblem(412, "precondition-failed", true);
            assertThat(http.get("/maps/ifany/absent-" + i).status()).isEqualTo(404);
        }
    }
}
