package dev.flotilla.server.labprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.flotilla.server.labprocess.NodeProcesses.naming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partition nemesis as a user runs it: {@code bin/flotilla lab run} in a process of its own, which puts the lab
 * in a private network namespace, cuts one node off the other two with iptables DROP rules, heals and waits for
 * the split-brain merge. Afterwards nothing is left: no node process, no firewall rule in the machine's namespace.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    @Test
    void isolateOne_nodesRemoveEachOtherThenMerge_verdictDecidedAndNothingLeft() throws Exception {
        List<String> rulesBefore = hostRules();
        JsonNode result = run("""
                name: partition-isolate-one
                workload: set
                mode: atomic-key
                cluster: processes
                members: 3
                max-no-heartbeat-seconds: 4
                nemesis: {name: partition, shape: isolate-one, interval-seconds: 2, partition-seconds: 10, settle-seconds: 40}
                duration-seconds: 14
                clients: 3
                rate: 150
                seed: 5
                """);

        JsonNode partition = fault(result, "partition");
        assertThat(partition.get("nodes")).as("isolate-one cuts one node off").hasSize(1);
        assertThat(partition.get("reportedNanos").asLong()).as(partition.get("detail").asText())
                .isGreaterThan(partition.get("startNanos").asLong());
        assertThat(partition.get("detail").asText()).as("two memberships seen during the cut")
                .contains("each side had removed the other").containsPattern("\\]\\s*,\\s*\\[");
        JsonNode merge = fault(result, "merge");
        assertThat(merge.get("reportedNanos").asLong()).as(merge.get("detail").asText())
                .isGreaterThanOrEqualTo(merge.get("startNanos").asLong());
        assertThat(result.get("verdict").asText()).as(result.toString()).isIn("VALID", "INVALID");
        assertThat(result.get("counts").toString()).isNotBlank();

        assertThat(naming(tmp)).as("no process names the run directory").isEmpty();
        assertThat(hostRules()).as("the machine's own firewall is untouched").isEqualTo(rulesBefore)
                .noneMatch(rule -> rule.contains("FLOTILLA"));
    }

    @Test
    void bridge_onePartialCut_healedToOneMembership() throws Exception {
        JsonNode result = run("""
                name: partition-bridge
                workload: set
                mode: atomic-key
                cluster: processes
                members: 3
                max-no-heartbeat-seconds: 4
                nemesis: {name: partition, shape: bridge, interval-seconds: 2, partition-seconds: 10, settle-seconds: 15}
                safe-timeout-seconds: 20
                duration-seconds: 14
                clients: 2
                rate: 100
                seed: 7
                """);
        JsonNode partition = fault(result, "partition");
        assertThat(partition.get("detail").asText()).as("the bridge is named in brackets").containsPattern("\\(n\\d");
        // Hazelcast resolves a partial cut on its own (the master drops one side); after the heal the three nodes
        // list one membership again, though the cluster has been seen to take longer than the settle limit to be
        // safe (then the merge window is not reported and the verdict is UNKNOWN, which the report says). Measured
        // (2026-12-03): the sides never removed each other, clients stayed blocked through the cut, and the cluster
        // was not safe 100 s after the heal; so the limits here are short, and any decided-or-unknown verdict passes.
        String merged = fault(result, "merge").get("detail").asText();
        assertThat(merged).as("one membership of all three after the heal")
                .satisfiesAnyOf(d -> assertThat(d).contains("one safe cluster of 3"),
                        d -> assertThat(d).containsPattern("memberships: \\[\\[n\\d[^\\]]*n\\d[^\\]]*n\\d[^\\]]*\\]\\]$"));
        assertThat(result.get("verdict").asText()).as(result.toString()).isIn("VALID", "INVALID", "UNKNOWN");
        assertThat(naming(tmp)).isEmpty();
    }

    private JsonNode run(String spec) throws Exception {
        Path file = tmp.resolve("spec.yml");
        Files.writeString(file, spec);
        Path dir = tmp.resolve("run");
        processes.watch(dir.resolve("nodes"));
        Path root = Path.of(System.getProperty("flotilla-lab.home")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/flotilla").toString(), "lab", "run",
                file.toString(), "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("lab.log").toFile());
        builder.environment().put("FLOTILLA_JAVA_OPTS", "-Xms64m -Xmx512m -XX:+UseSerialGC");
        Process lab = builder.start();
        try {
            assertThat(lab.waitFor(200, TimeUnit.SECONDS)).as("the lab finished; output: %s", output()).isTrue();
            assertThat(lab.exitValue()).as("lab exit code; output: %s", output()).isZero();
        } finally {
            lab.destroyForcibly();
            lab.waitFor(30, TimeUnit.SECONDS);
        }
        return JSON.readTree(dir.resolve("result.json").toFile());
    }

    private static JsonNode fault(JsonNode result, String kind) {
        for (JsonNode fault : result.get("faults")) {
            if (fault.get("kind").asText().equals(kind)) {
                return fault;
            }
        }
        throw new AssertionError("no " + kind + " window in " + result.get("faults") + "; notes " + result.get("notes"));
    }

    /** The rules of the machine's own network namespace (the test's), or none when iptables is not installed. */
    private static List<String> hostRules() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("iptables", "-w", "5", "-S").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new ArrayList<>(out.lines().toList());
    }

    private String output() {
        try {
            return Files.readString(tmp.resolve("lab.log"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
