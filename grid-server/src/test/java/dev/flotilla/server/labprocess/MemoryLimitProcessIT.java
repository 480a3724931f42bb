package dev.flotilla.server.labprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;
import dev.flotilla.lab.fleet.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attacker's batches of new keys against real node processes (256 MB heaps, two thirds of the lab's, so the
 * fill is shorter): the node they go through refuses writes with a definite 503 before its heap is exhausted, it
 * and the other node keep answering, every acknowledged key is still there, and once keys are deleted the node
 * takes writes again.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MemoryLimitProcessIT {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryLimitProcessIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;
    /** The lab's property for its nodes' JVM options (FLOTILLA_JAVA_OPTS). */
    private static final String NODE_OPTIONS = "flotilla.lab.node-java-opts";
    private static final String PAD = "x".repeat(8_000);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    @Test
    void batchesOfNewKeys_fillANode_itRefusesWritesDefinitely_andEveryNodeStaysUp() throws Exception {
        FleetSettings settings = new FleetSettings(2, 2, MapSettings.DEFAULT, 0, Duration.ofSeconds(5),
                processes.watch(tmp.resolve("nodes")), Map.of(), false);
        String labOptions = System.getProperty(NODE_OPTIONS);
        System.setProperty(NODE_OPTIONS, "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Fleet formed;
        try {
            formed = Fleet.form(settings);
        } finally {
            if (labOptions == null) {
                System.clearProperty(NODE_OPTIONS);
            } else {
                System.setProperty(NODE_OPTIONS, labOptions);
            }
        }
        try (Fleet fleet = formed) {
            NodeProcess target = fleet.members().get(0);
            NodeProcess other = fleet.members().get(1);
            int batches = 0;
            JsonNode refusal = null;
            // 800 KB a batch; the old generation of a 256 MB heap holds about 170 MB, so a refusal comes within ~250.
            while (refusal == null && batches < 1_000) {
                HttpResponse<String> reply = send(target.http().resolve("/maps/fill/batch"), "POST", batch(batches));
                if (reply.statusCode() == 503) {
                    refusal = JSON.readTree(reply.body());
                } else {
                    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                    batches++;
                }
            }
            LOG.info("refused after {} acknowledged batches ({} keys, ~{} MB of JSON): {}", batches, batches * BATCH,
                    batches * BATCH * PAD.length() >> 20, refusal);
            assertThat(refusal).as("a refusal before 1,000 batches").isNotNull();
            assertThat(refusal.get("code").asText()).isEqualTo("capacity");
            assertThat(refusal.get("definite").asBoolean()).isTrue();
            assertThat(batches).as("the node accepted a real amount first").isGreaterThan(50);

            // Both nodes are up and serving; every acknowledged batch is readable through either.
            assertThat(target.isAlive()).isTrue();
            assertThat(other.isAlive()).isTrue();
            for (NodeProcess node : List.of(target, other)) {
                assertThat(send(node.http().resolve("/health"), "GET", null).statusCode()).isEqualTo(200);
                for (int b = 0; b < batches; b += Math.max(1, batches / 20)) {
                    assertThat(send(node.http().resolve("/maps/fill/k" + b + "-0"), "GET", null).statusCode())
                            .as("k" + b + "-0 on " + node.label()).isEqualTo(200);
                }
            }
            JsonNode memory = JSON.readTree(send(target.http().resolve("/health"), "GET", null).body())
                    .at("/details/memory/details");
            assertThat(memory.get("writesRefused").asBoolean()).isTrue();

            // Deletes pass, and once the memory is free again writes are taken (the guard asks for a collection).
            for (int b = 0; b < batches * 3 / 4; b++) {
                for (int i = 0; i < BATCH; i++) {
                    send(target.http().resolve("/maps/fill/k" + b + "-" + i), "DELETE", null);
                }
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    send(target.http().resolve("/maps/fill/after"), "PUT", "{\"n\":1}").statusCode() == 201);
        }
    }

    private static String batch(int b) {
        StringBuilder json = new StringBuilder("{\"put\":{");
        for (int i = 0; i < BATCH; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(b).append('-').append(i).append("\":{\"pad\":\"")
                    .append(PAD).append("\"}");
        }
        return json.append("}}").toString();
    }

    private HttpResponse<String> send(URI uri, String method, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
