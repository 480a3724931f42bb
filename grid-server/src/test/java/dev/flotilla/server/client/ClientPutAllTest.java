package dev.flotilla.server.client;

import dev.flotilla.client.Document;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.PartialWriteException;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** putAll over several 1000-key batches through a real node. */
@Timeout(60)
class ClientPutAllTest {
    private static ServerNode node;
    private static FlotillaClient client;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        client = FlotillaClient.builder().endpoints(List.of(node.uri())).healthCheck(HealthCheck.disabled()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    private static Map<String, Object> values(int n) {
        Map<String, Object> values = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> values.put("k" + i, Map.of("i", i)));
        return values;
    }

    private static List<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "k" + i).toList();
    }

    @Test
    void putAll_threeBatches_everyKeyWrittenOnce() {
        RemoteMap map = client.map("put-all-ok");

        Map<String, Long> versions = map.putAll(values(2500));
        Map<String, Long> again = map.putAllAsync(values(2500)).join();

        assertThat(versions).hasSize(2500).allSatisfy((key, version) -> assertThat(version).isEqualTo(1));
        assertThat(again).hasSize(2500).allSatisfy((key, version) -> assertThat(version).isEqualTo(2));
        assertThat(map.getAll(keys(0, 2500))).hasSize(2500);
    }

    @Test
    void putAll_secondBatchTooLarge_partialNotDefiniteFirstBatchStoredThirdNeverSent() {
        RemoteMap map = client.map("put-all-partial");
        Map<String, Object> values = values(2500);
        values.put("k1500", Map.of("padding", "x".repeat(1_200_000))); // the second batch's body exceeds the node's limit

        PartialWriteException failure = catchThrowableOfType(() -> map.putAll(values), PartialWriteException.class);

        assertThat(failure).as("a partial failure").isNotNull();
        assertThat(failure.definite()).isFalse();
        assertThat(failure.written()).hasSize(1000).containsOnlyKeys(keys(0, 1000));
        assertThat(failure.notSent()).containsExactlyElementsOf(keys(2000, 2500));
        Map<String, Document> stored = map.getAll(keys(0, 2500));
        assertThat(stored).containsKeys(keys(0, 1000).toArray(String[]::new));
        assertThat(stored).doesNotContainKeys(keys(2000, 2500).toArray(String[]::new));
    }
}
