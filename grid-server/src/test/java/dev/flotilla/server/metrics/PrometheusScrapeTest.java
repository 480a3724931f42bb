package dev.flotilla.server.metrics;

import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The real {@code /prometheus} scrape of a node that served map, guarantee-mode and failing requests: promtool finds
 * nothing to report, latencies are bucketed histograms, map labels stop at {@code flotilla-server.metrics.max-maps}.
 */
@Timeout(120)
class PrometheusScrapeTest {
    private static final int MAX_MAPS = 3;
    private static ServerNode node;
    private static Http http;
    private static String scrape;

    @BeforeAll
    static void serveTrafficAndScrape() {
        node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.metrics.max-maps", MAX_MAPS));
        http = new Http(node.uri());
        // m1 takes a label before any other map exists: a later refresh hands labels out in name order, and the
        // guarantee maps below sort before it
        assertThat(http.put("/maps/m1/a", "{\"n\":1}").status()).isEqualTo(201);
        awaitScrapeContains("flotilla_map_entries{map=\"m1\"}");
        for (String map : List.of("m2", "m3", "m4", "m5")) {
            assertThat(http.put("/maps/" + map + "/a", "{\"n\":1}").status()).isEqualTo(201);
        }
        http.get("/maps/m1/a");
        http.get("/maps/m1/absent").assertProblem(404, "not-found", true);
        http.put("/maps/m1/a", "{}", "If-Match", "\"9\"").assertProblem(412, "version-mismatch", true);
        http.delete("/maps/m2/a");
        http.get("/maps/_bad/a").assertProblem(400, "invalid-map-name", true);
        http.post("/maps/m1/batch", "{\"get\":[\"a\"],\"put\":{\"b\":1}}");
        http.post("/tx", "{\"mode\":\"tx-one-phase\",\"operations\":[{\"op\":\"put\",\"map\":\"m1\",\"key\":\"t\",\"value\":1}]}");
        http.post("/accounts", "{\"namespace\":\"bank\",\"mode\":\"atomic-key\",\"balances\":{\"alice\":100,\"bob\":0}}");
        http.post("/transfers", "{\"namespace\":\"bank\",\"from\":\"alice\",\"to\":\"bob\",\"amount\":30,\"mode\":\"atomic-key\"}");
        http.post("/transfers", "{\"namespace\":\"bank\",\"from\":\"alice\",\"to\":\"bob\",\"amount\":1000,\"mode\":\"atomic-key\"}");
        http.put("/registers/regs/r1", "{\"mode\":\"unsafe\",\"value\":7}");
        http.post("/counters/hits", "{\"mode\":\"locked\",\"delta\":2}");
        http.post("/sets/tags", "{\"mode\":\"tx-two-phase\",\"element\":3}");
        http.post("/transfers", "{\"from\":").assertProblem(400, "malformed-json", true);
        // the maps beyond the limit are summed under _other by the background refresh (200 ms in tests)
        awaitScrapeContains("flotilla_map_backup_entries{map=\"_other\"}");
        scrape = http.get("/prometheus").body();
    }

    private static void awaitScrapeContains(String line) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                http.get("/prometheus").body().contains(line));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void promtool_realScrape_reportsNothing() throws IOException, InterruptedException {
        boolean installed = promtoolInstalled();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("promtool is missing: .ci/run installs it (Debian package prometheus)");
        }
        assumeThat(installed).as("promtool installed (.ci/run installs it)").isTrue();
        Path file = Files.createTempFile("scrape", ".prom");
        try {
            Files.writeString(file, scrape);
            Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectInput(file.toFile()).redirectErrorStream(true).start();
            String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output).isEmpty();
            assertThat(promtool.exitValue()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void latencies_bucketedHistograms_fromHalfAMillisecondToTenSeconds() {
        assertThat(scrape)
                .contains("# TYPE http_server_requests_seconds histogram")
                .containsPattern("http_server_requests_seconds_bucket\\{.*le=\"5.0E-4\".*}")
                .containsPattern("http_server_requests_seconds_bucket\\{.*le=\"10.0\".*}")
                .containsPattern("flotilla_map_operation_duration_seconds_bucket\\{.*operation=\"get\",outcome=\"success\".*}")
                .containsPattern("flotilla_map_operation_duration_seconds_count\\{operation=\"put\",outcome=\"error\"}")
                .containsPattern("flotilla_guarantee_operation_duration_seconds_count\\{mode=\"atomic-key\",operation=\"transfer\",outcome=\"error\"}")
                .containsPattern("flotilla_guarantee_operation_duration_seconds_count\\{mode=\"tx-one-phase\",operation=\"tx\",outcome=\"success\"}")
                .containsPattern("flotilla_guarantee_operation_duration_seconds_count\\{mode=\"locked\",operation=\"counter-increment\",outcome=\"success\"}");
        // 14 boundaries and +Inf per label set
        assertThat(scrape.lines().filter(l -> l.startsWith("flotilla_map_operation_duration_seconds_bucket{")
                && l.contains("operation=\"get\",outcome=\"success\"")).count()).isEqualTo(15);
    }

    @Test
    void httpMetrics_noExceptionLabel_statusKept() {
        assertThat(scrape).doesNotContain("exception=")
                .containsPattern("http_server_requests_seconds_count\\{.*status=\"412\".*uri=\"/maps/\\{map}/\\{key}\".*}");
    }

    @Test
    void mapLabels_beyondMaxMaps_summedUnderOtherAndCounted() {
        List<String> labels = scrape.lines().filter(l -> l.startsWith("flotilla_map_entries{"))
                .map(l -> l.substring(l.indexOf('"') + 1, l.lastIndexOf('"'))).sorted().toList();
        // m1..m5 and the guarantee maps of bank, regs, hits and tags compete for 3 labels: the first 3 seen win
        assertThat(labels).hasSize(MAX_MAPS + 1).contains(GridMetrics.OTHER_MAPS);
        assertThat(scrape).containsPattern("flotilla_maps_unlabelled [1-9]")
                .containsPattern("flotilla_map_backup_entries\\{map=\"_other\"}")
                .containsPattern("flotilla_map_owned_entry_memory_bytes\\{map=\"m1\"} [1-9]")
                .contains("flotilla_member_owned_partitions 31.0")
                .contains("flotilla_migration_queue_size 0.0");
    }

    private static boolean promtoolInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "promtool"))) {
                return true;
            }
        }
        return false;
    }
}
