package dev.flotilla.server.labprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.flotilla.server.labprocess.NodeProcesses.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bin/flotilla lab run} as a user runs it, in a process of its own, interrupted with Ctrl-C (SIGINT) in the
 * middle of a long process-mode run: the lab exits and takes every node process it started with it. The signal goes
 * to {@code bin/flotilla}'s own process, which runs the lab in a private network namespace and passes it on.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LabInterruptProcessIT {
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
        Path root = Path.of(System.getProperty("flotilla-lab.home")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/flotilla").toString(), "lab", "run",
                spec.toString(), "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("lab.log").toFile());
        builder.environment().put("FLOTILLA_JAVA_OPTS", "-Xms64m -Xmx512m -XX:+UseSerialGC");
        Process lab = builder.start();
        try {
            // The nodes run in the lab's private network namespace, out of this JVM's reach: the lab's own progress
            // lines say when all three are members and the run is under way.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !lab.isAlive() || output().contains("RUNNING"));
            assertThat(lab.isAlive()).as("lab still running; its output: %s", output()).isTrue();
            assertThat(output()).containsPattern("RUNNING .* members 3");
            assertThat(naming(nodes)).hasSizeGreaterThanOrEqualTo(3);

            // What a terminal's Ctrl-C sends; bin/flotilla hands it to the lab inside the namespace.
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

    private String output() {
        try {
            return Files.readString(tmp.resolve("lab.log"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
