package dev.flotilla.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(180)
class LabApiTest {
    private static final String COUNTER_SPEC = """
            {"name": "http-counter", "workload": "counter", "mode": "atomic-key", "members": 1,
             "nemesis": {"name": "none"}, "duration-seconds": 2, "clients": 2, "seed": 7}
            """;

    @TempDir
    static Path runs;
    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.lab.output-dir", runs.toString(), "flotilla-server.lab.max-queued", 1));
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void experiment_submitted_runsToVerdictWithReportAndHistory() {
        Http.Reply accepted = http.post("/lab/experiments", COUNTER_SPEC);
        assertThat(accepted.status()).isEqualTo(202);
        String self = accepted.header("Location").orElseThrow();
        assertThat(self).startsWith("/lab/experiments/");
        assertThat(accepted.json().get("name").asText()).isEqualTo("http-counter");

        http.get(self + "/report").assertProblem(409, "not-ready", true);

        JsonNode done = awaitDone(self);
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("verdict").asText()).isEqualTo("VALID");
        assertThat(done.get("operations").asLong()).isPositive();

        Http.Reply json = http.get(self + "/report", "Accept", "application/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.json().get("workload").asText()).isEqualTo("counter");

        Http.Reply html = http.get(self + "/report", "Accept", "text/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body()).contains("<svg").contains("http-counter");

        Http.Reply history = http.get(self + "/history");
        assertThat(history.status()).isEqualTo(200);
        List<String> lines = history.body().lines().toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(parse(line).has("type")).isTrue());
        assertThat(parse(lines.get(0)).get("type").asText()).isEqualTo("invoke");

        assertThat(http.get("/lab/experiments").json().findValuesAsText("id")).contains(done.get("id").asText());
    }

    @Test
    void submit_badSpecs_invalidSpecNamingTheField() {
        int before = http.get("/lab/experiments").json().size();
        assertThat(http.post("/lab/experiments", "{\"workload\":\"counter\",\"mode\":\"atomic-key\",\"colour\":\"red\"}")
                .assertProblem(400, "invalid-spec", true).get("detail").asText()).contains("colour");
        assertThat(http.post("/lab/experiments", "{\"workload\":\"counter\",\"mode\":\"maybe\"}")
                .assertProblem(400, "invalid-spec", true).get("detail").asText()).contains("mode");
        assertThat(http.post("/lab/experiments", "{\"workload\":\"counter\",\"mode\":\"atomic-key\",\"cluster\":\"processes\"}")
                .assertProblem(400, "invalid-spec", true).get("detail").asText()).contains("bin/flotilla lab run");
        http.post("/lab/experiments", "").assertProblem(400, "invalid-request", true);
        http.post("/lab/experiments", "{\"workload\": [").assertProblem(400, "invalid-spec", true);
        http.post("/lab/experiments?fast=true", COUNTER_SPEC).assertProblem(400, "unknown-parameter", true);
        http.send(http.request("/lab/experiments").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(COUNTER_SPEC))).assertProblem(415, "unsupported-media-type", true);
        assertThat(http.get("/lab/experiments").json().size()).as("nothing queued").isEqualTo(before);
    }

    @Test
    void status_unknownId_notFoundProblem() {
        http.get("/lab/experiments/nope").assertProblem(404, "not-found", true);
        http.get("/lab/experiments/nope/history").assertProblem(404, "not-found", true);
    }

    private static JsonNode awaitDone(String self) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await("experiment " + self + " done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last[0] = http.get(self).json();
                    String state = last[0].get("state").asText();
                    return state.equals("done") || state.equals("failed");
                });
        return last[0];
    }

    private static JsonNode parse(String line) {
        try {
            return Http.JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
