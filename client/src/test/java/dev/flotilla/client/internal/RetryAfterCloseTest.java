package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.IndeterminateResultException;
import dev.flotilla.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A retry waiting for its backoff when the client closes, and async retries on a caller's small executor. */
@Timeout(30)
class RetryAfterCloseTest {
    /** Backoff drawn between 0.5 and 1 s: long enough to close the client while the retry waits. */
    private static final RetryPolicy SLOW_RETRY = RetryPolicy.of(3, Duration.ofSeconds(1), Duration.ofSeconds(1));

    private static FlotillaClient client(FakeNode node) {
        return FlotillaClient.builder().endpoints(node.uri()).healthCheck(HealthCheck.disabled()).retryPolicy(SLOW_RETRY).build();
    }

    private static FlotillaException failureOf(CompletableFuture<?> call) throws Exception {
        ExecutionException e = catchThrowableOfType(() -> call.get(5, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(e).as("the call completed exceptionally within 5 s").isNotNull();
        assertThat(e.getCause()).isInstanceOf(FlotillaException.class);
        return (FlotillaException) e.getCause();
    }

    @Test
    void getAsync_clientClosedWhileRetryPending_failsDefinitely() throws Exception {
        CompletableFuture<Void> firstAnswered = new CompletableFuture<>();
        try (FakeNode node = new FakeNode((n, method, path, body) -> {
            firstAnswered.complete(null);
            return FakeNode.Answer.problem(503, "member-not-running", true);
        })) {
            FlotillaClient client = client(node);
            CompletableFuture<Optional<dev.flotilla.client.Document>> call = client.map("m").getAsync("k");
            firstAnswered.get(5, TimeUnit.SECONDS);

            client.close();

            FlotillaException failure = failureOf(call);
            assertThat(failure).isNotInstanceOf(IndeterminateResultException.class);
            assertThat(failure.code()).isEqualTo(FlotillaException.NO_ENDPOINT);
            assertThat(failure.definite()).isTrue();
        }
    }

    @Test
    void put_clientClosedWhileRetryPendingAfterUnknownAttempt_throwsIndeterminate() throws Exception {
        CompletableFuture<Void> firstAnswered = new CompletableFuture<>();
        try (FakeNode node = new FakeNode((n, method, path, body) -> {
            firstAnswered.complete(null);
            return FakeNode.Answer.problem(504, "timeout", false);
        })) {
            FlotillaClient client = client(node);
            CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> client.map("m").put("k", Map.of("v", 1)));
            firstAnswered.get(5, TimeUnit.SECONDS);

            client.close();

            FlotillaException failure = failureOf(call);
            assertThat(failure).isInstanceOf(IndeterminateResultException.class);
            assertThat(failure.definite()).isFalse();
        }
    }

    @Test
    void getAsync_afterClose_failsAtOnceDefinitely() throws Exception {
        try (FakeNode node = new FakeNode((n, method, path, body) -> FakeNode.Answer.json(200, "{}"))) {
            FlotillaClient client = client(node);
            client.close();

            FlotillaException failure = failureOf(client.map("m").getAsync("k"));

            assertThat(failure.code()).isEqualTo(FlotillaException.NO_ENDPOINT);
            assertThat(node.bodies()).isEmpty();
        }
    }

    @Test
    void putAsync_retryOnOneThreadCallerExecutor_completesWithoutBlockingIt() throws Exception {
        ExecutorService one = Executors.newFixedThreadPool(1);
        try (FakeNode node = new FakeNode((n, method, path, body) -> n == 1
                ? FakeNode.Answer.problem(503, "member-not-running", true)
                : FakeNode.Answer.json(200, "{}", "ETag", "\"1\""));
             FlotillaClient client = FlotillaClient.builder().endpoints(node.uri()).healthCheck(HealthCheck.disabled())
                     .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(20))).executor(one).build()) {

            long version = client.map("m").putAsync("k", Map.of("v", 1)).get(10, TimeUnit.SECONDS);

            assertThat(version).isEqualTo(1);
            assertThat(node.bodies()).hasSize(2);
        } finally {
            one.shutdownNow();
        }
    }
}
