package dev.flotilla.server.labprocess;

import dev.flotilla.grid.MapSettings;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;
import dev.flotilla.lab.fleet.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.flotilla.server.labprocess.NodeProcesses.membersSeenBy;
import static dev.flotilla.server.labprocess.NodeProcesses.naming;
import static dev.flotilla.server.labprocess.NodeProcesses.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lab's {@link Fleet} on real grid-server processes started by {@code bin/flotilla start}: it forms one
 * cluster, its faults do what they say on the process, and {@link Fleet#close()} leaves nothing running, also when
 * the code using it throws. One three-node fleet carries the fault checks in order (forming costs 10-20 s here).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FleetProcessIT {
    private static final Duration SEEN = Duration.ofSeconds(30);

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    @Test
    void fleet_threeNodes_formCrashRestartPauseResumeAndCloseLeaveNothing() throws Exception {
        Path dir = processes.watch(tmp.resolve("nodes"));
        Fleet fleet = Fleet.form(settings(3, dir));
        try {
            List<NodeProcess> nodes = fleet.members();
            Set<String> all = addresses(nodes);
            assertThat(nodes).hasSize(3);
            // Formed: every node lists the same three members, each its own loopback address.
            assertThat(nodes).extracting(NodeProcess::host).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
            for (NodeProcess node : nodes) {
                assertThat(membersSeenBy(node.http())).as(node.label()).isEqualTo(all);
            }
            assertThat(naming(dir)).extracting(ProcessHandle::pid)
                    .containsAll(nodes.stream().map(NodeProcess::pid).toList());

            // crash: SIGKILL; the others drop it from their member lists.
            NodeProcess victim = nodes.get(2);
            long killedPid = victim.pid();
            fleet.crash(List.of(victim));
            assertThat(victim.isAlive()).isFalse();
            assertThat(ProcessHandle.of(killedPid)).isEmpty();
            Set<String> survivors = addresses(nodes.subList(0, 2));
            for (NodeProcess node : nodes.subList(0, 2)) {
                await().atMost(SEEN).until(() -> membersSeenBy(node.http()).equals(survivors));
            }

            // restart: a new process on the same address and ports, back in everyone's list.
            NodeProcess back = fleet.restart(victim);
            assertThat(back).isSameAs(victim);
            assertThat(back.pid()).isNotEqualTo(killedPid);
            assertThat(back.starts()).isEqualTo(2);
            assertThat(back.memberAddress()).isIn(all);
            for (NodeProcess node : nodes) {
                await().atMost(SEEN).until(() -> membersSeenBy(node.http()).equals(all));
            }

            // pause: SIGSTOP freezes the JVM ('T' in /proc/<pid>/stat); resume: it runs and answers again.
            NodeProcess paused = nodes.get(1);
            fleet.pause(paused);
            assertThat(paused.isPaused()).isTrue();
            await().atMost(SEEN).until(() -> state(paused.pid()) == 'T');
            assertThat(membersSeenBy(paused.http())).as("a stopped node does not answer").isEmpty();
            assertThat(fleet.faultable()).doesNotContain(paused);
            fleet.resume(paused);
            assertThat(paused.isPaused()).isFalse();
            await().atMost(SEEN).until(() -> state(paused.pid()) != 'T');
            await().atMost(SEEN).until(() -> membersSeenBy(paused.http()).equals(all));
            assertThat(fleet.awaitSafe(SEEN)).as("safe after the faults").isTrue();
        } finally {
            fleet.close();
        }
        // close: SIGKILL of every process it started; nothing on the machine names the node directory any more.
        assertThat(fleet.members()).isEmpty();
        assertThat(naming(dir)).isEmpty();
    }

    @Test
    void close_whenTheCodeUsingTheFleetThrowsMidway_leavesNoProcess() {
        Path dir = processes.watch(tmp.resolve("nodes"));
        List<Long> pids = new java.util.ArrayList<>();
        assertThatThrownBy(() -> {
            try (Fleet fleet = Fleet.form(settings(1, dir))) {
                pids.addAll(fleet.members().stream().map(NodeProcess::pid).toList());
                assertThat(naming(dir)).isNotEmpty();
                throw new IllegalStateException("a test failing midway");
            }
        }).hasMessage("a test failing midway");
        assertThat(pids).hasSize(1);
        assertThat(ProcessHandle.of(pids.get(0)).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(naming(dir)).isEmpty();
    }

    private static FleetSettings settings(int size, Path dir) {
        return new FleetSettings(size, size, MapSettings.DEFAULT, 0, Duration.ofSeconds(10), dir, Map.of(), false);
    }

    private static Set<String> addresses(List<NodeProcess> nodes) {
        return nodes.stream().map(NodeProcess::memberAddress).collect(Collectors.toSet());
    }
}
