package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.PartialWriteException;
import dev.flotilla.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** putAll over several batches against a scripted node: checks first, stops at the first failure, never claims definite. */
@Timeout(30)
class PutAllBatchesTest {
    private static final String VERSIONS_OF_FIRST_BATCH = IntStream.range(0, 1000).mapToObj(i -> "\"k" + i + "\":1")
            .collect(Collectors.joining(",", "{\"versions\":{", "}}"));

    private static FlotillaClient client(FakeNode node) {
        return FlotillaClient.builder().endpoints(node.uri()).healthCheck(HealthCheck.disabled())
                .retryPolicy(RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(2))).build();
    }

    private static Map<String, Object> values(int n) {
        Map<String, Object> values = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> values.put("k" + i, Map.of("i", i)));
        return values;
    }

    @Test
    void putAll_secondOfThreeBatchesFailsDefinitely_partialNotDefiniteAndThirdNotSent() throws Exception {
        try (FakeNode node = new FakeNode((n, method, path, body) -> n == 1
                ? FakeNode.Answer.json(200, VERSIONS_OF_FIRST_BATCH)
                : FakeNode.Answer.problem(400, "invalid-json", true));
             FlotillaClient client = client(node)) {

            PartialWriteException failure = catchThrowableOfType(() -> client.map("m").putAll(values(2500)),
                    PartialWriteException.class);

            assertThat(failure.definite()).isFalse();
            assertThat(failure.code()).isEqualTo("invalid-json");
            assertThat(failure.written()).hasSize(1000).containsEntry("k0", 1L);
            assertThat(failure.uncertain()).isEmpty();
            assertThat(failure.notSent()).hasSize(500).contains("k2000", "k2499");
            assertThat(failure.getMessage()).contains("batch 1 was applied", "batch 2 of 3");
            assertThat(node.bodies()).as("stopped at the failed batch").hasSize(2);
        }
    }

    @Test
    void putAllAsync_secondBatchOutcomeUnknown_partialWithUncertainKeys() throws Exception {
        try (FakeNode node = new FakeNode((n, method, path, body) -> n == 1
                ? FakeNode.Answer.json(200, VERSIONS_OF_FIRST_BATCH)
                : FakeNode.Answer.problem(504, "timeout", false));
             FlotillaClient client = client(node)) {

            Throwable failure = catchThrowableOfType(() -> client.map("m").putAllAsync(values(2500)).join(),
                    java.util.concurrent.CompletionException.class).getCause();

            assertThat(failure).isInstanceOf(PartialWriteException.class);
            PartialWriteException partial = (PartialWriteException) failure;
            assertThat(partial.definite()).isFalse();
            assertThat(partial.uncertain()).hasSize(1000).contains("k1000");
            assertThat(partial.notSent()).hasSize(500);
            assertThat(node.bodies()).as("two attempts of batch 2, batch 3 never").hasSize(3);
        }
    }

    @Test
    void putAll_firstBatchFailsDefinitely_definiteFailureNothingElseSent() throws Exception {
        try (FakeNode node = new FakeNode((n, method, path, body) -> FakeNode.Answer.problem(400, "invalid-json", true));
             FlotillaClient client = client(node)) {

            FlotillaException failure = catchThrowableOfType(() -> client.map("m").putAll(values(2500)), FlotillaException.class);

            assertThat(failure).isNotInstanceOf(PartialWriteException.class);
            assertThat(failure.definite()).isTrue();
            assertThat(node.bodies()).hasSize(1);
        }
    }

    @Test
    void putAll_badKeyInLastBatch_rejectedBeforeAnythingSent() throws Exception {
        try (FakeNode node = new FakeNode((n, method, path, body) -> FakeNode.Answer.json(200, "{\"versions\":{}}"));
             FlotillaClient client = client(node)) {
            Map<String, Object> values = values(2500);
            values.put("bad/key", Map.of());

            assertThatThrownBy(() -> client.map("m").putAll(values)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("forbidden character");
            assertThatThrownBy(() -> client.map("m").putAllAsync(Map.of("x".repeat(257), Map.of())))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(node.bodies()).isEmpty();
        }
    }

    @Test
    void putAll_valueNotJsonInLastBatch_rejectedBeforeAnythingSent() throws Exception {
        try (FakeNode node = new FakeNode((n, method, path, body) -> FakeNode.Answer.json(200, "{\"versions\":{}}"));
             FlotillaClient client = client(node)) {
            Map<String, Object> values = values(2500);
            values.put("unencodable", new Object());

            assertThatThrownBy(() -> client.map("m").putAll(values)).isInstanceOf(IllegalArgumentException.class);

            assertThat(node.bodies()).isEmpty();
        }
    }
}
