package dev.flotilla.server.map;

import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on PUT, DELETE and batch: a retried write is applied at most once and its answer replayed. */
@Timeout(120)
class IdempotencyKeyApiTest {
    private static final String KEY = "Idempotency-Key";
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

    private static String path() {
        return "/maps/idem/k-" + UUID.randomUUID();
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    @Test
    void put_sameKeyTwice_appliedOnceAndAnswerReplayed() {
        String path = path();
        String key = newKey();

        Http.Reply first = http.put(path, "{\"n\":1}", KEY, key);
        Http.Reply second = http.put(path, "{\"n\":1}", KEY, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("ETag")).contains("\"1\"");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(http.get(path).header("ETag")).contains("\"1\"");
    }

    @Test
    void put_sameKeyOtherBody_keyReusedAndNothingWritten() {
        String path = path();
        String key = newKey();
        http.put(path, "{\"n\":1}", KEY, key);

        http.put(path, "{\"n\":2}", KEY, key).assertProblem(422, "idempotency-key-reused", true);

        assertThat(http.get(path).json().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void put_sameKeyOtherPath_keyReused() {
        String key = newKey();
        http.put(path(), "{}", KEY, key);

        http.put(path(), "{}", KEY, key).assertProblem(422, "idempotency-key-reused", true);
    }

    @Test
    void put_malformedKey_invalidParameterAndNothingWritten() {
        String path = path();

        http.put(path, "{}", KEY, "has space").assertProblem(400, "invalid-parameter", true);

        assertThat(http.get(path).status()).isEqualTo(404);
    }

    @Test
    void put_failedPreconditionWithKey_keyFreedForRetry() {
        String path = path();
        String key = newKey();

        http.put(path, "{}", KEY, key, "If-Match", "\"1\"").assertProblem(412, "version-mismatch", true);
        Http.Reply retry = http.put(path, "{}", KEY, key, "If-Match", "\"1\"");

        retry.assertProblem(412, "version-mismatch", true);
        assertThat(retry.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void put_badBodyWithKey_keyFreedAndCorrectedRetryApplied() {
        String path = path();
        String key = newKey();

        http.put(path, "{broken", KEY, key).assertProblem(400, "malformed-json", true);

        assertThat(http.put(path, "{\"fixed\":true}", KEY, key).status()).isEqualTo(201);
    }

    @Test
    void writes_rejectedInputWithKeyOnStoppedMember_answered4xxWithoutTouchingGrid() {
        // the grid is gone: a request that reached the claim would answer 503 member-not-running
        try (ServerNode stopped = ServerNode.startAlone()) {
            // controllers are created on first use, and their creation needs the grid
            stopped.context().getBean(MapController.class);
            stopped.context().getBean(dev.flotilla.server.tx.TransactionController.class);
            stopped.context().getBean(dev.flotilla.server.tx.TransferController.class);
            stopped.grid().terminate();
            Http http = new Http(stopped.uri());

            http.put(path() + "?ttl=soon", "{}", KEY, newKey()).assertProblem(400, "invalid-parameter", true);
            http.delete("/maps/bad%20map/k", KEY, newKey()).assertProblem(400, "invalid-map-name", true);
            http.put(path(), "{}", KEY, newKey(), "If-Match", "v1").assertProblem(400, "invalid-if-match", true);
            assertThat(http.post("/maps/idem/batch", "{\"get\":5}", KEY, newKey()).status()).isEqualTo(400);
            assertThat(http.post("/tx", "{\"mode\":\"no-such-mode\",\"operations\":[]}", KEY, newKey()).status())
                    .isEqualTo(400);
            assertThat(http.post("/transfers", "[", KEY, newKey()).status()).isEqualTo(400);
            assertThat(http.post("/accounts", "{\"balances\":{}}", KEY, newKey()).status()).isEqualTo(400);
        }
    }

    @Test
    void delete_sameKeyTwice_secondReplays204() {
        String path = path();
        http.put(path, "{}");
        String key = newKey();

        assertThat(http.delete(path, KEY, key).status()).isEqualTo(204);
        Http.Reply again = http.delete(path, KEY, key);

        assertThat(again.status()).isEqualTo(204);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
    }

    @Test
    void batch_sameKeyTwice_appliedOnce() {
        String key = newKey();
        String body = "{\"put\":{\"b1\":{\"x\":1},\"b2\":{\"x\":2}}}";
        String batchPath = "/maps/idem-" + UUID.randomUUID().toString().substring(0, 8) + "/batch";

        Http.Reply first = http.post(batchPath, body, KEY, key);
        Http.Reply second = http.post(batchPath, body, KEY, key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.json().at("/versions/b1").asLong()).isEqualTo(1);
        assertThat(http.get(batchPath.replace("/batch", "/b1")).header("ETag")).contains("\"1\"");
    }

    @Test
    void put_twentyConcurrentSameKey_appliedOnce() {
        String path = path();
        String key = newKey();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> http.put(path, "{\"c\":1}", KEY, key), pool));
            }
            List<Http.Reply> answers = replies.stream().map(CompletableFuture::join).toList();

            assertThat(answers).extracting(Http.Reply::status).isSubsetOf(201, 409);
            assertThat(answers).as("answers that applied the write (not replays, not refusals)")
                    .filteredOn(r -> r.status() == 201 && r.header("Idempotent-Replayed").isEmpty()).hasSize(1);
            assertThat(http.get(path).header("ETag")).contains("\"1\"");
        } finally {
            pool.shutdownNow();
        }
    }
}
