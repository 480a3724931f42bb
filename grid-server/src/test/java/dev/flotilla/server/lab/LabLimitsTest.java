package dev.flotilla.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.Hazelcast;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The attacker's spec (9 members, 64 clients, an hour) is refused; a running or queued experiment is cancelled. */
@Timeout(240)
class LabLimitsTest {
    @TempDir
    static Path runs;
    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.lab.output-dir", runs.toString()));
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String spec(String name, int members, int clients, int seconds, String nemesis) {
        return "{\"name\": \"" + name + "\", \"workload\": \"counter\", \"mode\": \"atomic-key\", \"members\": " + members
                + ", \"nemesis\": " + nemesis + ", \"duration-seconds\": " + seconds + ", \"clients\": " + clients
                + ", \"seed\": 3}";
    }

    @Test
    void specsBeyondTheBounds_are400NamingTheBound_andNothingIsQueued() {
        int before = http.get("/lab/experiments").json().size();
        String none = "{\"name\": \"none\"}";
        assertThat(http.post("/lab/experiments", spec("wide", 9, 2, 5, none))
                .assertProblem(400, "invalid-spec", true).get("detail").asText())
                .contains("members").contains("= 9").contains("flotilla-server.lab.max-members");
        assertThat(http.post("/lab/experiments", spec("many", 1, 64, 5, none))
                .assertProblem(400, "invalid-spec", true).get("detail").asText())
                .contains("clients = 64").contains("flotilla-server.lab.max-clients");
        assertThat(http.post("/lab/experiments", spec("long", 1, 2, 3600, none))
                .assertProblem(400, "invalid-spec", true).get("detail").asText())
                .contains("duration-seconds = 3600").contains("flotilla-server.lab.max-duration");
        // 3 members that a scale-out takes to 9: the largest size counts, not the first.
        assertThat(http.post("/lab/experiments",
                        spec("grows", 3, 2, 5, "{\"name\": \"join\", \"sizes\": [5, 9]}"))
                .assertProblem(400, "invalid-spec", true).get("detail").asText())
                .contains("= 9").contains("max-members");
        assertThat(http.get("/lab/experiments").json().size()).isEqualTo(before);
    }

    @Test
    void running_and_queued_experiments_areCancelled_andTheirMembersAndThreadsAreGone() {
        int instancesBefore = Hazelcast.getAllHazelcastInstances().size();
        String running = http.post("/lab/experiments", spec("cancel-running", 2, 4, 300, "{\"name\": \"none\"}"))
                .header("Location").orElseThrow();
        String queued = http.post("/lab/experiments", spec("cancel-queued", 1, 1, 300, "{\"name\": \"none\"}"))
                .header("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(90)).until(() -> "running".equals(phase(running)));
        assertThat(labClientThreads()).isEqualTo(4);

        JsonNode cancelledWhileQueued = http.delete(queued).json();
        assertThat(cancelledWhileQueued.get("state").asText()).isEqualTo("cancelled");

        assertThat(http.delete(running).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                "cancelled".equals(http.get(running).json().get("state").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> labClientThreads() == 0
                && Hazelcast.getAllHazelcastInstances().size() == instancesBefore);
        // Cancelled long before its 300 s, and a repeated DELETE answers the same.
        assertThat(http.get(running).json().get("elapsedMillis").asLong()).isLessThan(120_000);
        assertThat(http.delete(running).json().get("state").asText()).isEqualTo("cancelled");
        assertThat(http.get(queued).json().get("state").asText()).isEqualTo("cancelled");
        http.delete("/lab/experiments/e999-none").assertProblem(404, "not-found", true);
    }

    private static String phase(String self) {
        JsonNode status = http.get(self).json();
        return status.path("phase").asText("");
    }

    private static long labClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lab-client-")).count();
    }
}
