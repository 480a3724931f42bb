package dev.flotilla.lab.cli;

import dev.flotilla.lab.check.GoldenHistories;
import dev.flotilla.lab.check.SyntheticHistories;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.lab.history.HistoryFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static String golden(String name) {
        return GoldenHistories.path(name).toString();
    }

    @Test
    void check_validHistory_exitsZeroAndPrintsVerdictJson() throws IOException {
        int code = run("check", "--model", "cas-register", golden("cas-register-good"));

        assertThat(code).isEqualTo(0);
        JsonNode json = json();
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("model").asText()).isEqualTo("cas-register");
        assertThat(json.get("ops").asInt()).isEqualTo(11);
        assertThat(json.get("anomalies")).isEmpty();
        assertThat(json.get("counterexample").asText()).isEmpty();
        assertThat(json.get("elapsedMillis").isIntegralNumber()).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void check_invalidHistory_exitsOneWithCounterexample() throws IOException {
        int code = run("--model", "linearizable", golden("cas-register-bad-lost-cas"));

        assertThat(code).isEqualTo(1);
        JsonNode json = json();
        assertThat(json.get("verdict").asText()).isEqualTo("INVALID");
        assertThat(json.get("anomalies").get(0).get("kind").asText()).isEqualTo("nonlinearizable");
        assertThat(json.get("counterexample").asText()).contains("cas 1 -> 3");
    }

    @Test
    void check_zeroBudget_exitsTwoUnknown() throws IOException {
        Path file = dir.resolve("big.jsonl");
        HistoryFile.write(file, SyntheticHistories.casRegister(3, 1_000, 2, 4, 0.01));

        int code = run("--model", "cas-register", "--budget-seconds", "0", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(json().get("verdict").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void check_bankWithTotal_usesTheTotal() throws IOException {
        assertThat(run("--model", "bank", "--total", "100", golden("bank-bad"))).isEqualTo(1);
        assertThat(json().get("counterexample").asText()).contains("money +30");
    }

    @Test
    void check_otherModels_exitByVerdict() {
        assertThat(run("--model", "set", golden("set-good"))).isEqualTo(0);
        assertThat(run("--model", "set", golden("set-bad"))).isEqualTo(1);
        assertThat(run("--model", "counter", golden("counter-good"))).isEqualTo(0);
        assertThat(run("--model", "counter", golden("counter-bad"))).isEqualTo(1);
        assertThat(run("--model", "register", golden("register-good"))).isEqualTo(0);
        assertThat(run("--model", "register", golden("register-bad-stale-read"))).isEqualTo(1);
        assertThat(run("--model", "versioned-register", golden("versioned-register-good"))).isEqualTo(0);
        assertThat(run("--model", "versioned-register", golden("versioned-register-bad-lost-write"))).isEqualTo(1);
    }

    @Test
    void check_badUsage_exits64WithUsageOnStderr() {
        assertThat(run()).isEqualTo(64);
        assertThat(run("--model", "cas-register")).isEqualTo(64);
        assertThat(run("--model", "queue", golden("set-good"))).isEqualTo(64);
        assertThat(run("--model", "bank", golden("bank-good"))).isEqualTo(64);
        assertThat(run("--model", "cas-register", "--budget-seconds", "soon", golden("set-good"))).isEqualTo(64);
        assertThat(run("--model", "cas-register", "--verbose", golden("set-good"))).isEqualTo(64);
        assertThat(run("--model")).isEqualTo(64);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: check --model")
                .contains("unknown model \"queue\"").contains("needs the total").contains("unknown option --verbose");
    }

    @Test
    void check_malformedHistory_exits65NamingTheLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}\n{oops\n");

        assertThat(run("--model", "register", file.toString())).isEqualTo(65);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2: not valid JSON");
        assertThat(run("--model", "register", dir.resolve("missing.jsonl").toString())).isEqualTo(65);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void check_help_printsUsageAndExitsZero() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("exit codes: 0 valid, 1 invalid, 2 unknown");
    }

    @Test
    void check_checkerThrows_printsJsonErrorAndExits3() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = CheckCommand.checkAndPrint(history -> {
            throw new OutOfMemoryError("Java heap space");
        }, GoldenHistories.path("register-good"), "register", System.nanoTime(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThat(code).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.path("verdict").asText()).isEqualTo("ERROR");
        assertThat(json.path("model").asText()).isEqualTo("register");
        assertThat(json.path("error").path("type").asText()).isEqualTo("OutOfMemoryError");
        assertThat(json.path("error").path("message").asText()).isEqualTo("Java heap space");
        assertThat(json.has("elapsedMillis")).isTrue();
    }
}
