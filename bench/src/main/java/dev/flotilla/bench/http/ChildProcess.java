package dev.flotilla.bench.http;

import dev.flotilla.lab.nemesis.Poll;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the harness starts from its own class path (the ceiling, the bare case, the peer), with a node's JVM
 * options, killed when the harness closes it or exits however it exits (Ctrl-C included).
 */
final class ChildProcess implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "flotilla-bench-cleanup"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code jvmOptions} (the same a node gets) and {@code properties} as
     * {@code -D} options; output goes to {@code log}.
     */
    static ChildProcess start(String name, List<String> jvmOptions, List<String> properties, String mainClass,
                              List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        properties.forEach(p -> command.add("-D" + p));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            RUNNING.add(process);
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until GET {@code probe} answers {@code expectedStatus}; throws naming the log when it exits or times out. */
    void awaitAnswer(URI probe, int expectedStatus, Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        int[] last = {-1};
        boolean answered = Poll.until(limit, Duration.ofMillis(200), () -> {
            last[0] = process.isAlive() ? status(http, probe) : last[0];
            return !process.isAlive() || last[0] == expectedStatus;
        });
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
        if (!answered) {
            throw new IllegalStateException(name + " did not answer " + probe + " with " + expectedStatus + " within "
                    + limit.toSeconds() + " s (last status " + last[0] + "); see " + log);
        }
    }

    /** The status GET {@code probe} answers, or -1 while nothing listens. */
    private static int status(HttpClient http, URI probe) {
        try {
            return http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Poll.until then stops
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }
}
