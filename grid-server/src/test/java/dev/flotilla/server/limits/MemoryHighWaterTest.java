package dev.flotilla.server.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose mark is below what its heap holds refuses writes, definitely, and keeps serving reads, deletes and
 * health; a node with the default mark in the same JVM accepts them. (The process test fills a real node's heap.)
 */
@Timeout(120)
class MemoryHighWaterTest {
    @Test
    void aboveTheMark_writesAre503Capacity_readsDeletesAndHealthServe() {
        String cluster = ServerNode.randomClusterName();
        try (ServerNode normal = ServerNode.start(cluster, List.of(), Map.of())) {
            Http http = new Http(normal.uri());
            assertThat(http.put("/maps/orders/k", "{\"n\":1}").status()).isEqualTo(201);
            try (ServerNode full = ServerNode.start(cluster, List.of(normal.memberAddress()),
                    Map.of("flotilla-server.limits.memory-high-water-percent", 1))) {
                Http fullHttp = new Http(full.uri());
                // A collection is what the guard listens to; any heap this JVM holds is above 1 %.
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    System.gc();
                    return fullHttp.get("/health").json().at("/details/memory/details/writesRefused").asBoolean();
                });
                JsonNode problem = fullHttp.put("/maps/orders/k", "{\"n\":2}").assertProblem(503, "capacity", true);
                assertThat(problem.get("detail").asText()).contains("high-water mark")
                        .contains("flotilla-server.limits.memory-high-water-percent");
                assertThat(fullHttp.put("/maps/orders/k", "{\"n\":2}").header("Retry-After")).hasValue("5");
                fullHttp.post("/maps/orders/batch", "{\"put\":{\"b\":1}}").assertProblem(503, "capacity", true);
                fullHttp.post("/tx", "{\"mode\":\"tx-one-phase\",\"operations\":[{\"op\":\"put\",\"map\":\"orders\","
                        + "\"key\":\"t\",\"value\":1}]}").assertProblem(503, "capacity", true);

                // Nothing was written, reads and health are served, a delete passes.
                assertThat(fullHttp.get("/maps/orders/k").body()).isEqualTo("{\"n\":1}");
                assertThat(fullHttp.get("/maps/orders/b").status()).isEqualTo(404);
                assertThat(fullHttp.get("/health").status()).isEqualTo(200);
                assertThat(fullHttp.get("/prometheus").body()).contains("flotilla_memory_writes_refused 1.0");
                assertThat(fullHttp.delete("/maps/orders/k").status()).isEqualTo(204);

                // The other node's mark is its own: it still writes.
                assertThat(http.put("/maps/orders/k", "{\"n\":3}").status()).isEqualTo(201);
                assertThat(http.get("/health").json().at("/details/memory/details/writesRefused").asBoolean()).isFalse();
            }
        }
    }
}
