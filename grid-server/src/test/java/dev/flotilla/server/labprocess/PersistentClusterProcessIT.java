package dev.flotilla.server.labprocess;

import dev.flotilla.client.Document;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.client.VersionConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code bin/flotilla cluster --nodes 3 --persistent} as an operator runs it: 10,000 keys written through the client,
 * the whole cluster stopped (SIGTERM to the launcher, which stops the nodes, then its H2 server), started again the
 * same way: every key reads back with its version, and a compare-and-set on a version older than the stored one is
 * still a conflict (412). The launcher's directory and ports are the test's own; its processes are checked gone.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PersistentClusterProcessIT {
    private static final int NODES = 3;
    private static final int KEYS = 10_000;
    private static final int BATCH = 500;

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    private final List<Process> launchers = new ArrayList<>();

    @AfterEach
    void stopLaunchers() throws InterruptedException {
        for (Process launcher : launchers) {
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
    }

    @Test
    void clusterPersistent_everyNodeStoppedAndStartedAgain_keepsKeysVersionsAndConflicts() throws Exception {
        Path dir = processes.watch(tmp.resolve("cluster"));
        // One run of ports for all: HTTP, then member, then the database's, so no two of them can coincide.
        int httpBase = freeRun(2 * NODES + 1);
        Map<String, String> environment = Map.of(
                "FLOTILLA_CLUSTER_DIR", dir.toString(),
                "FLOTILLA_CLUSTER_HTTP_PORT", Integer.toString(httpBase),
                "FLOTILLA_CLUSTER_MEMBER_PORT", Integer.toString(httpBase + NODES),
                "FLOTILLA_STORE_PORT", Integer.toString(httpBase + 2 * NODES),
                "FLOTILLA_CLUSTER_NAME", "persist-" + Long.toHexString(ThreadLocalRandom.current().nextLong()),
                // Fewer partitions: a cluster forms and loads faster on 2 shared cores, and a batch is stored in
                // fewer, larger transactions (one per partition); nothing here counts them.
                "FLOTILLA_PARTITION_COUNT", "31");
        List<URI> nodes = IntStream.range(0, NODES).mapToObj(i -> URI.create("http://127.0.0.1:" + (httpBase + i))).toList();

        Map<String, Long> written = new HashMap<>();
        Map<String, Long> superseded = new HashMap<>();
        Process first = startCluster(environment, "first");
        try (FlotillaClient client = client(nodes)) {
            RemoteMap orders = client.map("orders");
            List<CompletableFuture<Map<String, Long>>> batches = new ArrayList<>();
            for (int from = 0; from < KEYS; from += BATCH) {
                Map<String, Object> batch = new LinkedHashMap<>();
                for (int i = from; i < from + BATCH; i++) {
                    batch.put("order-" + i, Map.of("n", i, "item", "widget-" + i));
                }
                batches.add(orders.putAllAsync(batch));
            }
            batches.forEach(batch -> written.putAll(batch.join()));
            // A tenth of the keys written twice: their first version is the stale one a late caller still holds.
            Map<String, CompletableFuture<Long>> updates = new LinkedHashMap<>();
            for (int i = 0; i < KEYS; i += 10) {
                String key = "order-" + i;
                superseded.put(key, written.get(key));
                updates.put(key, orders.compareAndSetAsync(key, written.get(key), Map.of("n", i, "item", "updated")));
                if (updates.size() == 50) {
                    updates.forEach((updated, version) -> written.put(updated, version.join()));
                    updates.clear();
                }
            }
            updates.forEach((updated, version) -> written.put(updated, version.join()));
        }
        assertThat(written).hasSize(KEYS);
        assertThat(Files.getPosixFilePermissions(dir.resolve("store/credentials")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        stop(first);
        assertThat(NodeProcesses.naming(dir)).as("nodes and the database stopped with the launcher").isEmpty();

        startCluster(environment, "second");
        try (FlotillaClient client = client(nodes)) {
            RemoteMap orders = client.map("orders");
            Map<String, Long> read = new HashMap<>();
            List<String> keys = new ArrayList<>(written.keySet());
            List<CompletableFuture<Map<String, Document>>> reads = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += BATCH) {
                reads.add(orders.getAllAsync(keys.subList(from, Math.min(keys.size(), from + BATCH))));
            }
            reads.forEach(batch -> batch.join().values().forEach(document -> read.put(document.key(), document.version())));
            assertThat(read).as("every key with the version its last write got").isEqualTo(written);
            assertThat(orders.get("order-10").orElseThrow().value().get("item").asText()).isEqualTo("updated");
            assertThat(orders.get("order-11").orElseThrow().value().get("item").asText()).isEqualTo("widget-11");

            assertThatThrownBy(() -> orders.compareAndSet("order-10", superseded.get("order-10"), Map.of("n", -1)))
                    .isInstanceOfSatisfying(VersionConflictException.class, conflict -> {
                        assertThat(conflict.status()).isEqualTo(412);
                        assertThat(conflict.currentVersion()).isEqualTo(written.get("order-10"));
                    });
            long next = orders.compareAndSet("order-10", written.get("order-10"), Map.of("n", 10, "item", "again"));
            assertThat(next).isGreaterThan(written.get("order-10"));
        }
    }

    /** Starts the launcher and waits until every node answers as one cluster; its output goes to {@code NAME.log}. */
    private Process startCluster(Map<String, String> environment, String name) throws IOException {
        Path root = Path.of(System.getProperty("flotilla-lab.home")).toAbsolutePath().normalize();
        Path log = tmp.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/flotilla").toString(), "cluster",
                "--nodes", Integer.toString(NODES), "--persistent").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLOTILLA_JAVA_OPTS", "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        builder.environment().putAll(environment);
        Process launcher = builder.start();
        launchers.add(launcher);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> !launcher.isAlive() || Files.readString(log).contains(NODES + " nodes running"));
        assertThat(launcher.isAlive()).as("launcher output: %s", Files.readString(log)).isTrue();
        return launcher;
    }

    private void stop(Process launcher) throws InterruptedException {
        launcher.destroy();
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launcher stopped its cluster").isTrue();
    }

    private static FlotillaClient client(List<URI> nodes) {
        return FlotillaClient.builder().endpoints(nodes).connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(20)).retryPolicy(RetryPolicy.none())
                .healthCheck(HealthCheck.disabled()).build();
    }

    /**
     * The first of {@code count} consecutive ports that are free on 127.0.0.1 now (the launcher numbers from it),
     * below the kernel's ephemeral range: a port in that range can be taken by any outgoing connection between the
     * check and the node's bind (seen once: a node's HTTP port was taken by the time it started).
     */
    private static int freeRun(int count) throws IOException {
        int ephemeralLow;
        try (Scanner range = new Scanner(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeralLow = range.nextInt();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(10_000, ephemeralLow - count);
            if (IntStream.range(base, base + count).allMatch(PersistentClusterProcessIT::free)) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive free ports on 127.0.0.1");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
