package dev.flotilla.server.labprocess;

import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.server.fixture.ServerNode;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bin/flotilla start} as an operator runs it: settings from environment variables win over the node file,
 * and a node that cannot start says why in one line and exits with the launcher's code (README.md, "Exit codes").
 * Each node file lives in the test's own directory, so the cleanup check finds every process that names it.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LauncherStartProcessIT {
    private static final String ADDRESS = "127.0.30.1";

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void kill() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void start_clusterNameAndPortsFromEnvironment_servesThatCluster() throws Exception {
        Path node = nodeFile("flotilla:\n  cluster-name: from-the-file\n  partition-count: 31\n");
        String clusterName = "env-" + UUID.randomUUID().toString().substring(0, 8);
        int httpPort = LoopbackProfile.freePort();
        int memberPort = LoopbackProfile.freePort();
        Process process = start(node, Map.of(
                "FLOTILLA_CLUSTER_NAME", clusterName,
                "FLOTILLA_BIND_ADDRESS", ADDRESS,
                "FLOTILLA_PORT", Integer.toString(memberPort),
                "FLOTILLA_MAP_DEFAULTS_BACKUP_COUNT", "0",
                "MICRONAUT_SERVER_HOST", ADDRESS,
                "MICRONAUT_SERVER_PORT", Integer.toString(httpPort)));

        URI cluster = URI.create("http://" + ADDRESS + ":" + httpPort + "/cluster");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> !process.isAlive() || get(cluster) != null);
        String body = get(cluster);
        assertThat(body).as("node output: %s", output()).isNotNull()
                .contains("\"name\":\"" + clusterName + "\"")
                .contains("\"address\":\"" + ADDRESS + ":" + memberPort + "\"");
        // The file's other key still counts: the environment wins key by key, not file by file.
        assertThat(get(URI.create("http://" + ADDRESS + ":" + httpPort + "/cluster/partitions")))
                .contains("\"partitionCount\":31");
        assertThat(output()).contains("grid member started: cluster '" + clusterName + "'");
    }

    @Test
    void start_unknownKeyInNodeFile_exits78WithOneLineNamingFileKeyAndValue() throws Exception {
        Path node = nodeFile("flotilla:\n  prot: 15852\n");

        assertExitsWithOneLine(start(node, Map.of()), 78,
                "flotilla: " + node + ": flotilla.prot = 15852: unknown key (see config/README.md)");
    }

    @Test
    void start_yamlSyntaxError_exits78WithOneLineNamingFileAndLine() throws Exception {
        Path node = nodeFile("flotilla:\n  port: 5701\n   bad: [\n");

        assertExitsWithOneLine(start(node, Map.of()), 78, "flotilla: " + node
                + ": YAML syntax error at line 3, column 7: mapping values are not allowed here");
    }

    @Test
    void start_memberPortTaken_exits69WithOneLineInsteadOfTakingTheNextPort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
            Path node = nodeFile("flotilla:\n  bind-address: " + ADDRESS + "\n  port: " + taken.getLocalPort() + "\n");
            Process process = start(node, Map.of("MICRONAUT_SERVER_PORT", Integer.toString(LoopbackProfile.freePort())));

            assertExitsWithOneLine(process, 69, "flotilla: the grid member could not start: member port " + ADDRESS
                    + ":" + taken.getLocalPort() + " is taken (port-auto-increment is off)");
        }
    }

    @Test
    void start_httpPortTakenAfterTheMemberJoined_exits69NamingTheAddressAndTheMemberLeaves() throws Exception {
        String clusterName = ServerNode.randomClusterName();
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        try (ServerNode first = ServerNode.start(clusterName, List.of(), Map.of());
             ClusterView.Subscription subscription = first.grid().cluster().subscribe(events::add);
             ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
            int memberPort = LoopbackProfile.freePort();
            Path node = nodeFile("micronaut:\n  server:\n    host: " + ADDRESS + "\n    port: " + taken.getLocalPort()
                    + "\nflotilla:\n  cluster-name: " + clusterName + "\n  partition-count: 31\n  bind-address: " + ADDRESS
                    + "\n  port: " + memberPort + "\n  members:\n    - " + first.memberAddress() + "\n    - " + ADDRESS
                    + ":" + memberPort + "\n");

            Process process = start(node, Map.of());

            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("output: %s", output()).isEqualTo(69);
            assertThat(output().strip()).endsWith("flotilla: the HTTP server could not start: " + ADDRESS + ":"
                    + taken.getLocalPort() + " is taken");
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(ClusterEvent.MemberLeft.class::isInstance));
            assertThat(events).anyMatch(ClusterEvent.MemberJoined.class::isInstance)
                    .as("not told as a crash").noneMatch(ClusterEvent.SplitDetected.class::isInstance);
        }
    }

    /** The whole output, stdout and stderr, is that one line: no banner, no log, no stack trace. */
    private void assertExitsWithOneLine(Process process, int exitCode, String line) throws Exception {
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("output: %s", output()).isEqualTo(exitCode);
        assertThat(output().strip()).isEqualTo(line);
    }

    private Path nodeFile(String yaml) throws IOException {
        Path dir = processes.watch(Files.createDirectories(tmp.resolve("nodes")));
        return Files.writeString(dir.resolve("node.yml"), yaml);
    }

    private Process start(Path node, Map<String, String> environment) throws IOException {
        Path root = Path.of(System.getProperty("flotilla-lab.home")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/flotilla").toString(), "start", "--config",
                node.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("node.log").toFile());
        builder.environment().put("FLOTILLA_JAVA_OPTS", "-Xms64m -Xmx384m -XX:+UseSerialGC");
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private String output() throws IOException {
        return Files.readString(tmp.resolve("node.log"));
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
