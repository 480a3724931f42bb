package dev.flotilla.bench.http;

import dev.flotilla.bench.Documents;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.Persistence;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code bin/flotilla bench http}: wrk against a ceiling (constant answers on a node's Micronaut stack), a bare
 * Micronaut controller on a raw {@code IMap}, Hazelcast 5.4's own REST API and one Flotilla node, all on loopback,
 * each in its own JVM with a node's JVM options. Cases run interleaved in rounds (the order rotates every round),
 * and every ratio is taken within a round, so a machine that slows down between rounds moves both sides of it.
 *
 * <p>Options: {@code --rounds 3 --seconds 10 --warmup 5 --threads 2 --connections 50 --keys 10000
 * --value-bytes 100 --batch 100 --cases a,b,... --out DIR --before CHECKOUT --quick}; {@code --before} adds a node
 * started from another checkout of the project (its server jar built), compared case by case with this one;
 * {@code --cases persistence} runs the persistent nodes' cases (write-through, write-behind) beside their in-memory
 * baselines. A case whose answers were not all 2xx/3xx is reported as failed and gets no ratio: a fast error is not
 * a result.
 */
public final class HttpBench {
    /** A node's JVM options, as bin/flotilla gives them ({@code FLOTILLA_JAVA_OPTS} unset). */
    static final List<String> NODE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");
    private static final List<String> HAZELCAST_OPENS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private HttpBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flotilla bench http: " + e.getMessage());
            System.exit(64);
            return;
        }
        if (!Wrk.available()) {
            System.err.println("flotilla bench http: wrk is not installed (Debian package wrk; bin/flotilla bench installs it as root)");
            System.exit(69);
        }
        BenchReport report = run(options);
        System.out.println(report.markdown());
        report.write(options.out());
        System.out.println("results: " + options.out().resolve("results.json") + ", " + options.out().resolve("summary.md"));
    }

    /** Starts the targets the cases need, preloads them, runs every round and stops everything. */
    static BenchReport run(BenchOptions options) throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        Path scripts = Files.createTempDirectory("flotilla-wrk");
        Path script = scripts.resolve("document.lua");
        try (InputStream in = HttpBench.class.getResourceAsStream("/wrk/document.lua")) {
            Files.copy(in, script);
        }
        Set<BenchCase.Target> needed = options.cases().stream().map(BenchCase::target)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BenchCase.Target.class)));
        Map<BenchCase.Target, URI> bases = new LinkedHashMap<>();
        List<ChildProcess> children = new ArrayList<>();
        List<Fleet> fleets = new ArrayList<>();
        String nonce = Long.toString(System.currentTimeMillis());
        Instant started = Instant.now();
        try {
            if (needed.contains(BenchCase.Target.CEILING)) {
                int port = freePort();
                bases.put(BenchCase.Target.CEILING, started(children, child("ceiling", options,
                        List.of("micronaut.server.port=" + port), "dev.flotilla.bench.ceiling.CeilingServer", List.of()),
                        port, "/maps/bench/k0"));
            }
            if (needed.contains(BenchCase.Target.BARE)) {
                int port = freePort();
                bases.put(BenchCase.Target.BARE, started(children, child("bare", options, List.of(
                        "micronaut.server.port=" + port, "bench.bare.cluster-name=bench-" + UUID.randomUUID(),
                        "bench.bare.host=127.0.0.1", "bench.bare.port=" + freePort(), "bench.bare.keys=" + options.keys(),
                        "bench.bare.bytes=" + options.valueBytes()), "dev.flotilla.bench.ceiling.CeilingServer", List.of()),
                        port, "/bare/maps/bench/k0"));
            }
            if (needed.contains(BenchCase.Target.PEER)) {
                int port = freePort();
                bases.put(BenchCase.Target.PEER, started(children, child("hazelcast-rest", options, List.of(),
                        "dev.flotilla.bench.peer.HazelcastRestPeer", List.of("127.0.0.1", Integer.toString(port),
                                "bench-" + UUID.randomUUID(), Integer.toString(options.keys()),
                                Integer.toString(options.valueBytes()))), port, "/hazelcast/rest/maps/bench/k0"));
            }
            System.setProperty("flotilla.lab.node-java-opts", String.join(" ", NODE_JVM_OPTIONS));
            if (needed.contains(BenchCase.Target.FLOTILLA)) {
                bases.put(BenchCase.Target.FLOTILLA, node(fleets, options, "nodes", MapSettings.DEFAULT));
            }
            if (needed.contains(BenchCase.Target.WRITE_THROUGH)) {
                bases.put(BenchCase.Target.WRITE_THROUGH, node(fleets, options, "nodes-write-through",
                        MapSettings.DEFAULT.withPersistence(Persistence.WRITE_THROUGH)));
            }
            if (needed.contains(BenchCase.Target.WRITE_BEHIND)) {
                bases.put(BenchCase.Target.WRITE_BEHIND, node(fleets, options, "nodes-write-behind",
                        MapSettings.DEFAULT.withPersistence(Persistence.WRITE_BEHIND)));
            }
            if (needed.contains(BenchCase.Target.BEFORE)) {
                // the lab's launcher starts nodes through the checkout named by flotilla-lab.home
                String home = System.getProperty("flotilla-lab.home");
                System.setProperty("flotilla-lab.home", options.before().toString());
                try {
                    bases.put(BenchCase.Target.BEFORE, node(fleets, options, "nodes-before", MapSettings.DEFAULT));
                } finally {
                    if (home == null) {
                        System.clearProperty("flotilla-lab.home");
                    } else {
                        System.setProperty("flotilla-lab.home", home);
                    }
                }
            }
            Wrk wrk = new Wrk(script, options);
            List<RoundResult> rounds = new ArrayList<>();
            List<BenchCase> cases = options.cases();
            log("warm-up: %d s per case", options.warmupSeconds());
            for (BenchCase c : cases) {
                wrk.run(c, bases.get(c.target()), options.warmupSeconds(), nonce + "0");
            }
            for (int round = 1; round <= options.rounds(); round++) {
                Map<String, WrkResult> results = new LinkedHashMap<>();
                for (int i = 0; i < cases.size(); i++) {
                    BenchCase c = cases.get((i + round - 1) % cases.size());
                    WrkResult result = wrk.run(c, bases.get(c.target()), options.seconds(), nonce + round);
                    results.put(c.name(), result);
                    log("round %d/%d %-24s %,10.0f req/s  p50 %6.2f ms  p99 %6.2f ms%s", round, options.rounds(),
                            c.name(), result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                            result.clean() ? "" : "  FAILED: " + result.failedResponses() + " non-2xx, "
                                    + result.socketErrors() + " socket errors");
                }
                rounds.add(new RoundResult(round, results));
            }
            return new BenchReport(options, started, Instant.now(), Machine.describe(), rounds);
        } finally {
            fleets.forEach(Fleet::close);
            children.forEach(ChildProcess::close);
            try (var files = Files.list(scripts)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(scripts);
        }
    }

    /**
     * One node of its own fleet (kept for the clean-up), preloaded; answers its HTTP base URI. A persistent map
     * setting gives the fleet its own database process, which the fleet stops with the node.
     */
    private static URI node(List<Fleet> fleets, BenchOptions options, String dir, MapSettings map) {
        Fleet fleet = Fleet.form(new FleetSettings(1, 1, map, 0, Duration.ofSeconds(10),
                options.out().resolve(dir), Map.of(), false));
        fleets.add(fleet);
        URI node = fleet.endpoints().get(0);
        preload(node, options);
        return node;
    }

    /** Keeps {@code child} for the clean-up, waits until it serves a preloaded key and answers its base URI. */
    private static URI started(List<ChildProcess> children, ChildProcess child, int port, String probe) {
        children.add(child);
        URI base = URI.create("http://127.0.0.1:" + port);
        child.awaitAnswer(base.resolve(probe), 200, START_LIMIT);
        return base;
    }

    private static ChildProcess child(String name, BenchOptions options, List<String> properties, String mainClass,
                                      List<String> args) throws IOException {
        List<String> jvm = new ArrayList<>(NODE_JVM_OPTIONS);
        jvm.addAll(HAZELCAST_OPENS);
        List<String> props = new ArrayList<>(properties);
        props.add("hazelcast.shutdownhook.enabled=false");
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            props.add("logback.configurationFile=" + logback);
        }
        Path log = options.out().resolve(name + ".log");
        Files.deleteIfExists(log);
        return ChildProcess.start(name, jvm, props, mainClass, args, log);
    }

    /** Writes {@code k0 ... k<keys-1>} through the product's own client, in batches. */
    private static void preload(URI node, BenchOptions options) {
        try (FlotillaClient client = FlotillaClient.builder().endpoints(List.of(node)).build()) {
            RemoteMap map = client.map("bench");
            RawJson value = RawJson.of(Documents.ofSize(options.valueBytes()));
            Map<String, Object> batch = new LinkedHashMap<>();
            for (int k = 0; k < options.keys(); k++) {
                batch.put("k" + k, value);
                if (batch.size() == 500 || k == options.keys() - 1) {
                    map.putAll(batch);
                    batch.clear();
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(format, args));
    }

    /** Runs wrk for one case. */
    record Wrk(Path script, BenchOptions options) {
        static boolean available() {
            try {
                Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor(10, TimeUnit.SECONDS);
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        WrkResult run(BenchCase c, URI base, int seconds, String nonce) throws IOException, InterruptedException {
            List<String> command = List.of("wrk", "-t" + options.threads(), "-c" + options.connections(),
                    "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s", script.toString(), base.toString(), "--",
                    c.mode(), c.path(), Integer.toString(options.keys()), Integer.toString(options.valueBytes()),
                    Integer.toString(options.batch()), c.method(), nonce);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not end for " + c.name());
            }
            try {
                return WrkResult.parse(output);
            } catch (IllegalArgumentException e) {
                throw new UncheckedIOException(new IOException("wrk failed for " + c.name() + ": " + e.getMessage()));
            }
        }
    }
}
