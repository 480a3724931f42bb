package dev.flotilla.server.labprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.flotilla.server.labprocess.NodeProcesses.membersSeenBy;
import static dev.flotilla.server.labprocess.NodeProcesses.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bin/flotilla lab run} as a user runs it, in a process of its own, interrupted with Ctrl-C (SIGINT) in the
 * middle of a long process-mode run: the lab exits and takes every node process it started with it.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LabInterruptProcessIT {
    private static final Pattern HTTP = Pattern.compile("server:\\s+host: (\\S+)\\s+port: (\\d+)");

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    @Test
    void labRun_sigintWhileNodesRun_labExitsAndNoNodeProcessIsLeft() throws Exception {
        Path spec = tmp.resolve("long.yml");
        Files.writeString(spec, """
                name: interrupted-documents-kill
                workload: documents
                mode: atomic-key
                cluster: processes
                members: 3
                nemesis: {name: kill, interval-seconds: 30}
                duration-seconds: 120
                clients: 2
                """);
        Path dir = tmp.resolve("run");
        Path nodes = processes.watch(dir.resolve("nodes"));
        Path root = Path.of(System.getProperty("flotilla.home")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/flotilla").toString(), "lab", "run",
                spec.toString(), "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("lab.log").toFile());
        builder.environment().put("FLOTILLA_JAVA_OPTS", "-Xms64m -Xmx512m -XX:+UseSerialGC");
        Process lab = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !lab.isAlive() || Files.exists(nodes.resolve("n1.log")));
            assertThat(lab.isAlive()).as("lab still running; its output: %s", output()).isTrue();
            List<String> urls = List.of(http(nodes, 1), http(nodes, 2), http(nodes, 3));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !lab.isAlive() || urls.stream().allMatch(u -> membersSeenBy(java.net.URI.create(u)).size() == 3));
            assertThat(lab.isAlive()).as("lab still running; its output: %s", output()).isTrue();
            assertThat(naming(nodes)).hasSizeGreaterThanOrEqualTo(3);

            // The launcher execs java: the lab's pid is the JVM's, as a terminal's Ctrl-C would reach it.
            Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(lab.pid())).start();
            assertThat(interrupt.waitFor(10, TimeUnit.SECONDS) && interrupt.exitValue() == 0).isTrue();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !lab.isAlive() && naming(nodes).isEmpty());
            assertThat(naming(nodes)).isEmpty();
            assertThat(naming(dir)).as("nothing names the run directory").isEmpty();
        } finally {
            lab.destroyForcibly();
            lab.waitFor(30, TimeUnit.SECONDS);
            naming(dir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A node's HTTP base URI, from the node file the lab wrote. */
    private static String http(Path nodes, int n) throws IOException {
        Path file = nodes.resolve("n" + n + ".yml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        Matcher m = HTTP.matcher(Files.readString(file));
        assertThat(m.find()).as(file + " names its HTTP address").isTrue();
        return "http://" + m.group(1) + ":" + m.group(2);
    }

    private String output() {
        try {
            return Files.readString(tmp.resolve("lab.log"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
