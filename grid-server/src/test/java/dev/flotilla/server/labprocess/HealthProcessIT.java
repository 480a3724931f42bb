package dev.flotilla.server.labprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RemoteMap;
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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health endpoints on real node processes ({@code bin/flotilla start}, one loopback address each) through a
 * join under load, one {@code kill -9} and two at once: readiness stays 200 while a member joins and after a
 * crash, {@code /health/safe} dips and comes back, no safety answer is older than its age limit, and a loss
 * beyond the backups shows in {@code /health} and {@code /prometheus} with the maps named.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HealthProcessIT {
    private static final Logger LOG = LoggerFactory.getLogger(HealthProcessIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Request latency allowed on top of a check's age (the node's clock and ours are the machine's). */
    private static final long LATENCY_MILLIS = 1_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    @Test
    void join_fourthNodeUnderLoad_readinessStays200OnEveryNodeAndSafeDipsAndReturns() throws Exception {
        try (Fleet fleet = Fleet.form(settings(3, 4));
             FlotillaClient client = FlotillaClient.builder().endpoints(fleet.endpoints()).build()) {
            awaitSafe(fleet.members());
            Load load = new Load(client.map("load")).start();
            Poller poller = new Poller(fleet).start();
            try {
                Instant joinAt = Instant.now();
                NodeProcess fourth = fleet.addMemberIfBelow(4);
                assertThat(fourth).isNotNull();
                awaitSafe(fleet.members());
                LOG.info("join: 4 nodes safe {} ms after the join started", Duration.between(joinAt, Instant.now()).toMillis());
            } finally {
                poller.stop();
                load.stop();
            }
            LOG.info("join: {} readiness polls over {} ms, none failed: {}; /health/safe statuses seen {}; load {} ok {} failed",
                    poller.readinessPolls.get(), poller.elapsedMillis(), poller.readinessFailures, poller.safeStatuses,
                    load.ok.get(), load.failed.get());
            assertThat(poller.readinessPolls.get()).as("readiness polls").isGreaterThan(50);
            assertThat(poller.readinessFailures).as("non-200 readiness answers during the join").isEmpty();
            assertThat(poller.safeStatuses).as("/health/safe went 503 during the migration").containsKey(503);
            assertThat(poller.staleAnswers).as("answers older than their age limit").isEmpty();
            assertThat(load.ok.get()).as("writes acknowledged during the join").isPositive();
        }
    }

    @Test
    void kill_oneOfThree_survivorsReadyWithin10sAndNoAnswerOlderThanItsAgeLimit() throws Exception {
        try (Fleet fleet = Fleet.form(settings(3, 3));
             FlotillaClient client = FlotillaClient.builder().endpoints(fleet.endpoints()).build()) {
            awaitSafe(fleet.members());
            write(client.map("orders"), 300);
            NodeProcess victim = fleet.members().get(2);
            List<NodeProcess> survivors = fleet.members().subList(0, 2);
            Poller poller = new Poller(survivors).start();
            Instant killedAt;
            try {
                killedAt = Instant.now();
                fleet.crash(List.of(victim)); // SIGKILL, returns once the survivors removed it
                for (NodeProcess node : survivors) {
                    await().atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                            .until(() -> status(node, "/health/readiness") == 200);
                }
                awaitSafe(survivors);
                // "and stays so": keep polling well past the failure detector and the repair migrations
                await("readiness stays 200 after the kill").during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                        .pollInterval(POLL).until(poller.readinessFailures::isEmpty);
            } finally {
                poller.stop();
            }
            LOG.info("kill: {} readiness polls over {} ms after the kill, failures {}; /health/safe statuses {}; "
                            + "oldest safety answer {} ms (limit {} ms)", poller.readinessPolls.get(), poller.elapsedMillis(),
                    poller.readinessFailures, poller.safeStatuses, poller.oldestAgeMillis.get(), poller.maxAgeMillis.get());
            assertThat(poller.readinessFailures).as("readiness after a kill -9 of another node").isEmpty();
            assertThat(poller.staleAnswers).as("answers older than their age limit").isEmpty();
            assertThat(poller.safeAnswers.get()).as("safety answers checked").isPositive();
            assertThat(poller.oldestAgeMillis.get()).isLessThanOrEqualTo(poller.maxAgeMillis.get());
            assertThat(poller.safeAfterKillFromBefore).as("a safe answer after the kill resting on a check from before it")
                    .isEmpty();
            assertThat(killedAt).isNotNull();
        }
    }

    @Test
    void killTwoOfThree_backupCountOne_survivorReportsLostPartitionsAndMaps() throws Exception {
        try (Fleet fleet = Fleet.form(settings(3, 3));
             FlotillaClient client = FlotillaClient.builder().endpoints(fleet.endpoints()).build()) {
            awaitSafe(fleet.members());
            write(client.map("orders"), 500);
            NodeProcess survivor = fleet.members().get(0);
            assertThat(get(survivor, "/health").at("/details/dataLoss/status").asText()).isEqualTo("UP");

            fleet.crash(List.of(fleet.members().get(1), fleet.members().get(2)));

            await().atMost(SETTLE).pollInterval(POLL)
                    .until(() -> "DEGRADED".equals(get(survivor, "/health").path("status").asText()));
            HttpResponse<String> summary = send(survivor, "/health");
            assertThat(summary.statusCode()).isEqualTo(200);
            JsonNode loss = JSON.readTree(summary.body()).at("/details/dataLoss/details");
            assertThat(loss.get("partitionsLost").asInt()).isPositive();
            assertThat(loss.get("maps")).extracting(JsonNode::asText).contains("orders");
            assertThat(status(survivor, "/health/readiness")).as("the survivor still serves").isEqualTo(200);
            String metrics = send(survivor, "/prometheus").body();
            long lost = counter(metrics, "flotilla_partitions_lost_total", null);
            long ordersLost = counter(metrics, "flotilla_map_partitions_lost_total", "orders");
            LOG.info("kill-two: /health dataLoss {}; prometheus partitions lost {}, orders {}", loss, lost, ordersLost);
            assertThat(lost).isPositive();
            assertThat(ordersLost).isPositive();
        }
    }

    private FleetSettings settings(int size, int capacity) {
        return new FleetSettings(size, capacity, MapSettings.DEFAULT, 0, Duration.ofSeconds(5),
                processes.watch(tmp.resolve("nodes")), Map.of(), false);
    }

    private void awaitSafe(List<NodeProcess> nodes) {
        for (NodeProcess node : nodes) {
            await(node.label() + " safe").atMost(SETTLE).pollInterval(POLL).until(() -> status(node, "/health/safe") == 200);
        }
    }

    private static void write(RemoteMap map, int count) {
        for (int i = 0; i < count; i++) {
            map.put("k" + i, Map.of("n", i));
        }
    }

    private int status(NodeProcess node, String path) {
        try {
            return send(node, path).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode get(NodeProcess node, String path) throws IOException {
        return JSON.readTree(send(node, path).body());
    }

    private HttpResponse<String> send(NodeProcess node, String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(node.http().resolve(path)).timeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The value of a Prometheus counter line ({@code map} label when given), or 0 when absent. */
    private static long counter(String metrics, String name, String map) {
        String labels = map == null ? "(\\{[^}]*})?" : "\\{[^}]*map=\"" + Pattern.quote(map) + "\"[^}]*}";
        Matcher m = Pattern.compile("(?m)^" + name + labels + " ([0-9.E]+)$").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(m.groupCount())) : 0;
    }

    /** Writes on a thread of its own until stopped, counting acknowledged and failed writes. */
    private static final class Load {
        private final RemoteMap map;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final Thread thread;

        Load(RemoteMap map) {
            this.map = map;
            this.thread = new Thread(this::run, "health-it-load");
            thread.setDaemon(true);
        }

        Load start() {
            thread.start();
            return this;
        }

        private void run() {
            for (long i = 0; running.get(); i++) {
                try {
                    map.put("k" + (i % 2_000), Map.of("n", i));
                    ok.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /**
     * Polls {@code /health/readiness} and {@code /health/safe} of every node it is given (for a fleet: every node
     * started, a joining one once it first answered) every 100 ms, and records what a load balancer or an
     * operator would have seen.
     */
    private final class Poller {
        private final Fleet fleet;
        private final List<NodeProcess> fixed;
        private final Instant started = Instant.now();
        private volatile Instant stopped;
        private final AtomicLong readinessPolls = new AtomicLong();
        private final AtomicLong safeAnswers = new AtomicLong();
        private final AtomicLong oldestAgeMillis = new AtomicLong();
        private final AtomicLong maxAgeMillis = new AtomicLong(Long.MAX_VALUE);
        private final List<String> readinessFailures = new CopyOnWriteArrayList<>();
        private final List<String> staleAnswers = new CopyOnWriteArrayList<>();
        private final List<String> safeAfterKillFromBefore = new CopyOnWriteArrayList<>();
        private final Map<Integer, Long> safeStatuses = new ConcurrentHashMap<>();
        private final Map<NodeProcess, Boolean> answeredOnce = new ConcurrentHashMap<>();
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "health-it-poller");
            thread.setDaemon(true);
            return thread;
        });

        Poller(Fleet fleet) {
            this.fleet = fleet;
            this.fixed = null;
        }

        Poller(List<NodeProcess> nodes) {
            this.fleet = null;
            this.fixed = List.copyOf(nodes);
        }

        Poller start() {
            fleet().forEach(n -> answeredOnce.put(n, true));
            // a probe's period, as a load balancer's: each round starts POLL after the last one ended
            scheduler.scheduleWithFixedDelay(() -> new ArrayList<>(fleet()).forEach(this::poll), 0, POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
            return this;
        }

        private List<NodeProcess> fleet() {
            return fleet != null ? fleet.members() : fixed;
        }

        private void poll(NodeProcess node) {
            Instant asked = Instant.now();
            int readiness = status(node, "/health/readiness");
            boolean counted = answeredOnce.containsKey(node);
            if (readiness == 200) {
                answeredOnce.put(node, true);
            }
            if (counted) {
                readinessPolls.incrementAndGet();
                if (readiness != 200) {
                    readinessFailures.add(node.label() + " " + readiness + " at " + asked);
                }
            }
            try {
                HttpResponse<String> safe = send(node, "/health/safe");
                Instant answered = Instant.now();
                safeStatuses.merge(safe.statusCode(), 1L, Long::sum);
                JsonNode details = JSON.readTree(safe.body()).path("details");
                long limit = details.path("maxAgeMillis").asLong();
                maxAgeMillis.set(limit);
                safeAnswers.incrementAndGet();
                if (!details.path("checkedAt").isNull() && !details.path("checkedAt").isMissingNode()) {
                    Instant checkedAt = Instant.parse(details.get("checkedAt").asText());
                    long age = Duration.between(checkedAt, answered).toMillis();
                    oldestAgeMillis.accumulateAndGet(details.path("ageMillis").asLong(), Math::max);
                    if (details.path("ageMillis").asLong() > limit || age > limit + LATENCY_MILLIS) {
                        staleAnswers.add(node.label() + " answered " + answered + " from " + checkedAt);
                    }
                    if (safe.statusCode() == 200 && checkedAt.isBefore(started)
                            && Duration.between(started, answered).toMillis() > limit) {
                        safeAfterKillFromBefore.add(node.label() + " at " + answered + " from " + checkedAt);
                    }
                }
            } catch (IOException | RuntimeException unreachable) {
                safeStatuses.merge(-1, 1L, Long::sum);
            }
        }

        long elapsedMillis() {
            return Duration.between(started, Objects.requireNonNullElseGet(stopped, Instant::now)).toMillis();
        }

        void stop() throws InterruptedException {
            scheduler.shutdown();
            stopped = Instant.now();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
