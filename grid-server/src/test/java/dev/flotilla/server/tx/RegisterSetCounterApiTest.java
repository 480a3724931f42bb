package dev.flotilla.server.tx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /registers}, {@code /sets} and {@code /counters} against a real node (one member, no CP members). */
@Timeout(120)
class RegisterSetCounterApiTest {
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

    private static String namespace() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String mode(String mode) {
        return "{\"mode\":\"" + mode + "\"";
    }

    // --- registers ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "tx-two-phase", "cp-unsafe"})
    void register_writeThenRead_answersValue(String mode) {
        String ns = namespace();

        Http.Reply never = http.get("/registers/" + ns + "/r1?mode=" + mode);
        Http.Reply written = http.put("/registers/" + ns + "/r1", mode(mode) + ",\"value\":7}");
        Http.Reply read = http.get("/registers/" + ns + "/r1?mode=" + mode);

        assertThat(never.status()).isEqualTo(200);
        assertThat(never.json().get("value").isNull()).as("never written reads null").isTrue();
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.json().toString()).isEqualTo("{\"namespace\":\"" + ns + "\",\"mode\":\"" + mode
                + "\",\"key\":\"r1\",\"value\":7}");
        assertThat(read.json()).isEqualTo(written.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "locked", "cp-unsafe"})
    void register_compareAndSet_appliedOnlyWhenExpectedHeld(String mode) {
        String ns = namespace();
        String path = "/registers/" + ns + "/r";

        JsonNode fromNever = http.post(path + "/cas", mode(mode) + ",\"expected\":null,\"value\":1}").json();
        JsonNode stale = http.post(path + "/cas", mode(mode) + ",\"expected\":5,\"value\":2}").json();
        JsonNode fromOne = http.post(path + "/cas", mode(mode) + ",\"expected\":1,\"value\":3}").json();
        JsonNode notNever = http.post(path + "/cas", mode(mode) + ",\"value\":4}").json();

        assertThat(fromNever.get("applied").asBoolean()).isTrue();
        assertThat(fromNever.get("value").asLong()).isEqualTo(1);
        assertThat(stale.get("applied").asBoolean()).isFalse();
        assertThat(stale.get("value").isNull()).isTrue();
        assertThat(fromOne.get("applied").asBoolean()).isTrue();
        assertThat(fromOne.get("key").asText()).isEqualTo("r");
        assertThat(notNever.get("applied").asBoolean()).as("absent expected means never written").isFalse();
        assertThat(http.get(path + "?mode=" + mode).json().get("value").asLong()).isEqualTo(3);
    }

    @Test
    void register_badInput_definite400AndNothingWritten() {
        String ns = namespace();
        String path = "/registers/" + ns + "/r";
        String key = UUID.randomUUID().toString();

        http.put(path, "{\"value\":1}", "Idempotency-Key", key).assertProblem(400, "invalid-request", true);
        http.put(path, mode("fast") + ",\"value\":1}").assertProblem(400, "invalid-argument", true);
        http.put(path, mode("cp") + ",\"value\":1}").assertProblem(400, "invalid-argument", true);
        http.put(path, mode("atomic-key") + ",\"value\":\"x\"}").assertProblem(400, "invalid-request", true);
        http.put(path, mode("atomic-key") + ",\"value\":1.5}").assertProblem(400, "invalid-request", true);
        http.put(path, mode("atomic-key") + "}").assertProblem(400, "invalid-request", true);
        http.put(path, mode("atomic-key") + ",\"value\":1,\"extra\":true}").assertProblem(400, "invalid-request", true);
        http.put(path, "{\"mode\":").assertProblem(400, "malformed-json", true);
        http.put("/registers/-bad/r", mode("atomic-key") + ",\"value\":1}").assertProblem(400, "invalid-argument", true);
        http.put("/registers/" + ns + "/a@b", mode("cp-unsafe") + ",\"value\":1}").assertProblem(400, "invalid-key", true);
        http.put("/registers/" + ns + "/" + "k".repeat(300), mode("atomic-key") + ",\"value\":1}")
                .assertProblem(400, "invalid-key", true);
        http.post(path + "/cas", mode("atomic-key") + ",\"expected\":\"one\",\"value\":1}").assertProblem(400, "invalid-request", true);
        http.get(path).assertProblem(400, "invalid-request", true);
        http.get(path + "?mode=atomic-key&x=1").assertProblem(400, "unknown-parameter", true);

        assertThat(http.get(path + "?mode=atomic-key").json().get("value").isNull()).as("nothing written").isTrue();
        assertThat(http.get("/registers/" + ns + "/a@b?mode=cp-unsafe").status()).isEqualTo(400);
        // the refused request claimed nothing: the same key now applies a good request
        Http.Reply good = http.put(path, mode("atomic-key") + ",\"value\":9}", "Idempotency-Key", key);
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.header("Idempotent-Replayed")).isEmpty();
    }

    // --- sets ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "unsafe", "cp-unsafe"})
    void set_addInAnyOrder_readsAscendingWithoutDuplicates(String mode) {
        String ns = namespace();
        List<Long> added = List.of(42L, -3L, 17L, 42L, 0L, 1_000_000_000_000L);
        List<JsonNode> answers = new ArrayList<>();

        for (long element : added) {
            Http.Reply reply = http.post("/sets/" + ns, mode(mode) + ",\"element\":" + element + "}");
            assertThat(reply.status()).isEqualTo(200);
            answers.add(reply.json());
        }
        JsonNode read = http.get("/sets/" + ns + "?mode=" + mode).json();

        assertThat(answers.get(0).toString()).isEqualTo("{\"namespace\":\"" + ns + "\",\"mode\":\"" + mode + "\",\"element\":42}");
        assertThat(read.get("mode").asText()).isEqualTo(mode);
        assertThat(read.get("elements").toString()).isEqualTo("[-3,0,17,42,1000000000000]");
    }

    @Test
    void set_badInput_definite400AndNothingAdded() {
        String ns = namespace();

        http.post("/sets/" + ns, "{\"element\":1}").assertProblem(400, "invalid-request", true);
        http.post("/sets/" + ns, mode("atomic-key") + ",\"element\":\"1\"}").assertProblem(400, "invalid-request", true);
        http.post("/sets/" + ns, mode("atomic-key") + "}").assertProblem(400, "invalid-request", true);
        http.post("/sets/" + ns, mode("atomic-key") + ",\"element\":1,\"elements\":[2]}").assertProblem(400, "invalid-request", true);
        http.post("/sets/" + ns, mode("sometimes") + ",\"element\":1}").assertProblem(400, "invalid-argument", true);
        http.post("/sets/" + "n".repeat(49), mode("atomic-key") + ",\"element\":1}").assertProblem(400, "invalid-argument", true);
        http.get("/sets/" + ns + "?mode=nope").assertProblem(400, "invalid-argument", true);

        assertThat(http.get("/sets/" + ns + "?mode=atomic-key").json().get("elements").toString()).isEqualTo("[]");
    }

    // --- counters -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "tx-one-phase", "cp-unsafe"})
    void counter_increments_answerValueAfterEach(String mode) {
        String ns = namespace();

        JsonNode before = http.get("/counters/" + ns + "?mode=" + mode).json();
        JsonNode first = http.post("/counters/" + ns, mode(mode) + ",\"delta\":5}").json();
        JsonNode second = http.post("/counters/" + ns, mode(mode) + ",\"delta\":2}").json();
        JsonNode read = http.get("/counters/" + ns + "?mode=" + mode).json();

        assertThat(before.get("value").asLong()).isZero();
        assertThat(first.get("value").asLong()).isEqualTo(5);
        assertThat(second.toString()).isEqualTo("{\"namespace\":\"" + ns + "\",\"mode\":\"" + mode + "\",\"value\":7}");
        assertThat(read.get("value").asLong()).isEqualTo(7);
    }

    @Test
    void counter_sameIdempotencyKeyTwice_incrementedOnce() {
        String ns = namespace();
        String body = mode("atomic-key") + ",\"delta\":3}";
        String key = UUID.randomUUID().toString();

        Http.Reply first = http.post("/counters/" + ns, body, "Idempotency-Key", key);
        Http.Reply again = http.post("/counters/" + ns, body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(http.get("/counters/" + ns + "?mode=atomic-key").json().get("value").asLong()).isEqualTo(3);
    }

    @Test
    void counter_badInput_definite400AndNothingAdded() {
        String ns = namespace();

        http.post("/counters/" + ns, mode("atomic-key") + ",\"delta\":0}").assertProblem(400, "invalid-argument", true);
        http.post("/counters/" + ns, mode("atomic-key") + ",\"delta\":-4}").assertProblem(400, "invalid-argument", true);
        http.post("/counters/" + ns, mode("atomic-key") + ",\"delta\":\"two\"}").assertProblem(400, "invalid-request", true);
        http.post("/counters/" + ns, mode("atomic-key") + "}").assertProblem(400, "invalid-request", true);
        http.post("/counters/" + ns, "{\"delta\":1}").assertProblem(400, "invalid-request", true);
        http.post("/counters/" + ns, mode("atomic-key") + ",\"delta\":1,\"by\":1}").assertProblem(400, "invalid-request", true);
        http.post("/counters/" + ns, "").assertProblem(400, "invalid-request", true);
        http.post("/counters/" + ns, mode("atomic-key") + ",\"delta\":1}", "Idempotency-Key", "")
                .assertProblem(400, "invalid-parameter", true);
        http.post("/counters/" + ns + "?mode=atomic-key", mode("atomic-key") + ",\"delta\":1}")
                .assertProblem(400, "unknown-parameter", true);

        assertThat(http.get("/counters/" + ns + "?mode=atomic-key").json().get("value").asLong()).isZero();
    }
}
