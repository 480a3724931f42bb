package dev.flotilla.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.lab.check.GoldenHistories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ListAppendCheckCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String golden) {
        return CheckCommand.run(new String[] {"check", "--model", "list-append",
                        GoldenHistories.path(golden).toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void plantedG1c_isInvalidWithTheCycle() throws IOException {
        int code = check("list-append-bad-g1c");

        assertThat(code).isEqualTo(CheckCommand.EXIT_INVALID);
        JsonNode json = json();
        assertThat(json.get("verdict").asText()).isEqualTo("INVALID");
        assertThat(json.get("anomalies")).hasSize(1);
        assertThat(json.get("anomalies").get(0).get("kind").asText()).isEqualTo("G1c");
        assertThat(json.get("anomalies").get(0).get("message").asText())
                .startsWith("T1 (ok index 4: append x 2, r y [5]) -wr x-> T2 (ok index 5: append y 5, r x [1 2])"
                        + " -wr y-> T1 where");
        assertThat(json.get("counterexample").asText()).startsWith("G1c x1; 1 strongly connected component")
                .contains("T2 read x = [1 2], the last element 2 was appended by T1");
    }

    @Test
    void historyWithoutAnomalies_isValid() throws IOException {
        int code = check("list-append-good");

        assertThat(code).isEqualTo(CheckCommand.EXIT_VALID);
        JsonNode json = json();
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("ops").asInt()).isEqualTo(5);
        assertThat(json.get("anomalies")).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
