package dev.flotilla.lab.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One grid-server node process of a {@link Fleet}: its own loopback address, HTTP and member ports, node file and
 * log. The identity (address and ports) outlives the process: {@link Fleet#restart} starts a new process on it.
 *
 * <p>Signals go to the JVM itself: the launcher {@code exec}s java, so the process id is the node's.
 */
public final class NodeProcess {
    private static final long STOP_WAIT_SECONDS = 60;

    private final int number;
    private final String host;
    private final int httpPort;
    private final int memberPort;
    private final Path config;
    private final Path log;
    private volatile Process process;
    private volatile boolean paused;
    private volatile int starts;

    NodeProcess(int number, String host, int httpPort, int memberPort, Path config, Path log) {
        this.number = number;
        this.host = host;
        this.httpPort = httpPort;
        this.memberPort = memberPort;
        this.config = config;
        this.log = log;
    }

    /** {@code n<number> <host>}, e.g. {@code n2 127.0.0.3}. */
    public String label() {
        return "n" + number + " " + host;
    }

    /** The node's number in its fleet, from 1. */
    public int number() {
        return number;
    }

    /** The node's HTTP base URI. */
    public URI http() {
        return URI.create("http://" + host + ":" + httpPort);
    }

    /** {@code host:port} of its grid member, as the other members list it. */
    public String memberAddress() {
        return host + ":" + memberPort;
    }

    /** The loopback address the node binds for HTTP and for its member. */
    public String host() {
        return host;
    }

    /** The node file it was started with. */
    public Path config() {
        return config;
    }

    /** Where its standard output and error go (appended across restarts). */
    public Path log() {
        return log;
    }

    /** The process id, or -1 before the first start. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** Whether its process runs (a paused process runs). */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Whether it is stopped by SIGSTOP now. */
    public boolean isPaused() {
        return paused && isAlive();
    }

    /** How many times a process was started on this identity. */
    public int starts() {
        return starts;
    }

    synchronized void start(List<String> command, Map<String, String> environment) {
        if (isAlive()) {
            throw new IllegalStateException(label() + " is already running (pid " + pid() + ")");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
            paused = false;
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + label() + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL, then waits until the process is gone (it also ends a paused process). */
    void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        awaitExit(p);
        paused = false;
    }

    /** SIGTERM (the node leaves gracefully: it hands its partitions over), then waits; SIGKILL if it hangs. */
    void terminate() {
        signalStop(true);
        awaitStopped();
    }

    /**
     * Asks the process to stop without waiting: SIGTERM when {@code graceful} (a paused node is resumed first, so it
     * can act on it), else SIGKILL. Nothing to do when it does not run. {@link #awaitStopped()} waits for the exit.
     */
    void signalStop(boolean graceful) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (!graceful) {
            p.destroyForcibly();
        } else {
            if (paused) {
                resume();
            }
            p.destroy();
        }
    }

    /** Waits until the process has exited; one that is still there after a minute (a hung shutdown) is SIGKILLed. */
    void awaitStopped() {
        Process p = process;
        if (p != null && !awaitExit(p)) {
            kill();
        }
        paused = false;
    }

    /** SIGSTOP: the JVM freezes with its sockets open. */
    void pause() {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT. */
    void resume() {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) {
        Signals.send(process, name, label());
    }

    private static boolean awaitExit(Process p) {
        return Signals.awaitExit(p, STOP_WAIT_SECONDS);
    }

    @Override
    public String toString() {
        return label() + (isAlive() ? " pid " + pid() + (paused ? " (paused)" : "") : " (stopped)");
    }
}
