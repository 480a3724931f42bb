package dev.flotilla.server.labprocess;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.client.protocol.MemberView;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The process tests' view of the machine's processes, read from {@code /proc}, and their cleanup check: a JUnit 5
 * extension that, after each test, waits briefly until no process has a watched directory in its command line,
 * and otherwise SIGKILLs what is left and fails the test, so no test can leave a node behind unnoticed (nor
 * leave it running for the next test).
 *
 * <p>A fleet node's command line names its node file ({@code bin/flotilla start --config DIR/n1.yml}, then
 * {@code java ... -Dmicronaut.config.files=DIR/n1.yml}), so a node directory identifies the fleet's processes.
 */
final class NodeProcesses implements AfterEachCallback {
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(15);
    private final List<Path> watched = new CopyOnWriteArrayList<>();

    /** Checks after every test that no process names {@code dir} (a fleet's node directory). */
    Path watch(Path dir) {
        watched.add(dir.toAbsolutePath());
        return dir;
    }

    /** A fleet of {@code size} nodes with the default map settings, its node directory in {@code tmp} and watched. */
    Fleet form(Path tmp, int size) {
        Path dir = watch(tmp.resolve("nodes"));
        return Fleet.form(new FleetSettings(size, size, MapSettings.DEFAULT, 0, Duration.ofSeconds(10), dir, Map.of(), false));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Path> dirs = List.copyOf(watched);
        watched.clear();
        List<String> left = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                await().atMost(EXIT_LIMIT).pollInterval(Duration.ofMillis(200)).until(() -> naming(dir).isEmpty());
            } catch (ConditionTimeoutException e) {
                for (ProcessHandle p : naming(dir)) {
                    left.add(p.pid() + " " + commandLine(p.pid()));
                    p.destroyForcibly();
                }
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError("processes were left behind (now SIGKILLed): " + left);
        }
    }

    /** Every process (but this JVM) whose command line contains {@code dir}'s absolute path. */
    static List<ProcessHandle> naming(Path dir) {
        String needle = dir.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong).filter(pid -> pid != self)
                    .filter(pid -> commandLine(pid).contains(needle))
                    .mapToObj(ProcessHandle::of).flatMap(java.util.Optional::stream)
                    .filter(ProcessHandle::isAlive).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /** The process' command line with NULs as spaces, or "" when it is gone (or a zombie). */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** The state letter of {@code /proc/<pid>/stat} ({@code R}, {@code S}, {@code T} for stopped, ...). */
    static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /** A client of that one node: no retries, no probing, short timeouts. */
    static FlotillaClient clientOf(URI node) {
        return FlotillaClient.builder().endpoints(List.of(node)).connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(2)).retryPolicy(RetryPolicy.none())
                .healthCheck(HealthCheck.disabled()).build();
    }

    /** The member addresses {@code node} lists, or an empty set when it does not answer. */
    static Set<String> membersSeenBy(URI node) {
        try (FlotillaClient client = clientOf(node)) {
            return client.members().members().stream().map(MemberView::address).collect(Collectors.toSet());
        } catch (RuntimeException unreachable) {
            return Set.of();
        }
    }
}
