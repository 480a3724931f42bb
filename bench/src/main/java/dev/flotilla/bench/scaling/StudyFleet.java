package dev.flotilla.bench.scaling;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;
import dev.flotilla.lab.fleet.NodeProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The study's node processes: a lab {@link Fleet} grown one node at a time (so each node joins a formed cluster and
 * no join has to wait for others), with the clients and probes the cells need. Closing it kills every node; the
 * fleet's shutdown hook does the same on Ctrl-C.
 */
final class StudyFleet implements AutoCloseable {
    private static final Duration SAFE_LIMIT = Duration.ofSeconds(180);
    /** Nodes are started one after another: no need for Hazelcast's join wait (5 s by default). */
    private static final Map<String, String> PROPERTIES = Map.of(
            "hazelcast.wait.seconds.before.join", "0",
            "hazelcast.max.wait.seconds.before.join", "0");

    private final Fleet fleet;
    private final List<FlotillaClient> clients = new ArrayList<>();
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private StudyFleet(Fleet fleet) {
        this.fleet = fleet;
    }

    /** One node, room for {@code capacity}; node files and logs under {@code dir}. */
    static StudyFleet start(int capacity, Path dir) {
        FleetSettings settings = new FleetSettings(1, capacity, MapSettings.DEFAULT, 0, Duration.ofSeconds(10), dir,
                PROPERTIES, false);
        return new StudyFleet(Fleet.form(settings));
    }

    /**
     * Adds nodes one at a time until {@code size} run, then waits until the cluster is safe. The fleet gives a new
     * node 60 s to be listed by every node; on a loaded machine its JVM can take longer, so past that limit this
     * keeps waiting (up to the safety limit) for the node, which still runs, instead of giving up.
     */
    void growTo(int size, java.util.function.Consumer<String> note) {
        while (fleet.members().size() < size) {
            int before = fleet.members().size();
            try {
                fleet.addMemberIfBelow(before + 1);
            } catch (IllegalStateException slow) {
                if (fleet.members().size() <= before) { // the new node exited: nothing to wait for
                    throw slow;
                }
                note.accept("fleet: node " + fleet.members().size() + " took longer than the fleet's limit to join ("
                        + slow.getMessage() + "); waited on");
                awaitSafe();
            }
        }
        awaitSafe();
    }

    void awaitSafe() {
        if (!fleet.awaitSafe(SAFE_LIMIT)) {
            throw new IllegalStateException("the cluster was not safe within " + SAFE_LIMIT.toSeconds() + " s");
        }
    }

    Fleet fleet() {
        return fleet;
    }

    List<NodeProcess> nodes() {
        return fleet.members();
    }

    /** A meter of this JVM and of every running node process. */
    CpuMeter cpu() {
        return new CpuMeter(() -> fleet.members().stream().map(NodeProcess::pid).toList());
    }

    /**
     * A client of {@code endpoints} with the product's defaults (retries, health probes), except idempotency keys:
     * off, so that a put is one grid operation in every cell (docs/performance.md measures what a key costs).
     */
    FlotillaClient client(List<URI> endpoints, Routing routing) {
        FlotillaClient client = FlotillaClient.builder().endpoints(endpoints).loadBalancing(routing.balancing())
                .partitionRouting(routing.ownerAware() ? PartitionRouting.defaults() : PartitionRouting.disabled())
                .idempotencyKeys(false).build();
        clients.add(client);
        return client;
    }

    /** A client of one node only, without probes: every request goes to that node. */
    FlotillaClient clientOf(NodeProcess node) {
        FlotillaClient client = FlotillaClient.builder().endpoints(List.of(node.http())).idempotencyKeys(false)
                .healthCheck(HealthCheck.disabled()).build();
        clients.add(client);
        return client;
    }

    /** What a load wrote: the first {@code entries} keys, in {@code seconds}; why it stopped early, or "". */
    record Loaded(int entries, double seconds, String failure) {
    }

    /** Writes every key of {@code keys} in batches of 1,000 from {@code threads} threads. */
    static Loaded load(RemoteMap map, List<String> keys, int threads) throws InterruptedException {
        return load(map, keys, threads, Duration.ofDays(1));
    }

    /**
     * Writes {@code keys} in batches of 1,000 from {@code threads} threads, in order, until all are written or
     * {@code budget} has passed: then the batches in flight finish and the first {@code entries} keys are written.
     * A batch is tried five times; one that still fails ends the load at the keys before it.
     */
    static Loaded load(RemoteMap map, List<String> keys, int threads, Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<Thread> loaders = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        int chunk = 1000;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failedFrom = new java.util.concurrent.atomic.AtomicInteger(keys.size());
        for (int t = 0; t < threads; t++) {
            Thread loader = new Thread(() -> {
                while (failures.isEmpty() && System.nanoTime() < deadline) {
                    int from = next.getAndAdd(chunk);
                    if (from >= keys.size()) {
                        return;
                    }
                    Map<String, Object> batch = new LinkedHashMap<>();
                    for (String key : keys.subList(from, Math.min(keys.size(), from + chunk))) {
                        batch.put(key, dev.flotilla.client.RawJson.of(Op.DOCUMENT));
                    }
                    // A batch can time out on a loaded machine; writing the same values again is harmless.
                    for (int attempt = 1; ; attempt++) {
                        try {
                            map.putAll(batch);
                            break;
                        } catch (RuntimeException e) {
                            if (attempt == 5) {
                                failures.add(e);
                                failedFrom.accumulateAndGet(from, Math::min);
                                return;
                            }
                        }
                    }
                }
            }, "load-" + t);
            loader.setDaemon(true);
            loader.start();
            loaders.add(loader);
        }
        for (Thread loader : loaders) {
            loader.join();
        }
        // Every batch handed out before the first one that failed five times was written: the keys are a prefix.
        int entries = Math.min(Math.min(keys.size(), next.get()), failedFrom.get());
        if (entries == 0 && !failures.isEmpty()) {
            throw new IllegalStateException("loading " + map.name() + " failed: " + failures.get(0), failures.get(0));
        }
        return new Loaded(entries, (System.nanoTime() - start) / 1e9, failures.isEmpty() ? "" : failures.get(0).toString());
    }

    /** Whether every running node answers {@code GET /health/safe} with 200 (UP). */
    boolean healthSafe() {
        for (NodeProcess node : fleet.members()) {
            try {
                HttpResponse<Void> answer = probe.send(HttpRequest.newBuilder(node.http().resolve("/health/safe"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 200) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Pins every thread of a node process to {@code cpus} ({@code taskset -a -p -c}); threads it starts later
     * inherit the mask. Throws when taskset is missing or refuses.
     */
    static void pin(NodeProcess node, String cpus) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(node.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IllegalStateException("taskset -a -p -c " + cpus + " " + node.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("taskset (util-linux) is needed for the vertical cells: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning " + node.label(), e);
        }
    }

    @Override
    public void close() {
        clients.forEach(FlotillaClient::close);
        fleet.close();
    }
}
