package dev.flotilla.server.idempotency;

import dev.flotilla.server.fixture.ServerNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bookkeeping around a claimed write never leaves the HTTP answer hanging, whatever throws. */
@Timeout(120)
class IdempotentRequestsTest {
    private static ServerNode node;
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
        node.close();
    }

    /** A JSON mapper whose every call fails, so recording a response body throws inside the completion callback. */
    private static JsonMapper failingJson() {
        return (JsonMapper) Proxy.newProxyInstance(JsonMapper.class.getClassLoader(), new Class<?>[]{JsonMapper.class},
                (proxy, method, args) -> {
                    throw new IOException("no JSON today");
                });
    }

    @Test
    void run_recordingTheSuccessThrows_answersTheWritesOwnResponse() throws Exception {
        IdempotentRequests requests = new IdempotentRequests(node.grid(), failingJson(), executor, Duration.ofMinutes(1));
        HttpRequest<?> request = HttpRequest.PUT("/maps/idem-unit/k", "{}");

        CompletableFuture<HttpResponse<?>> answer = requests.run(request, UUID.randomUUID().toString(), "{}",
                () -> CompletableFuture.completedFuture(HttpResponse.ok(Map.of("written", true))));

        HttpResponse<?> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.getBody().orElseThrow()).isEqualTo(Map.of("written", true));
    }

    @Test
    void run_writeFailsAndRecordingThrows_answersTheWritesFailure() {
        IdempotentRequests requests = new IdempotentRequests(node.grid(), failingJson(), executor, Duration.ofMinutes(1));
        HttpRequest<?> request = HttpRequest.PUT("/maps/idem-unit/k2", "{}");
        IllegalStateException boom = new IllegalStateException("write failed");

        CompletableFuture<HttpResponse<?>> answer = requests.run(request, UUID.randomUUID().toString(), "{}",
                () -> CompletableFuture.failedFuture(boom));

        assertThat(answer).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(Exception.class)
                .havingRootCause().isSameAs(boom);
    }
}
