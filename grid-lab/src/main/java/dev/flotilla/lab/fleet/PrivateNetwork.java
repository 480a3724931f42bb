package dev.flotilla.lab.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Real packet loss between node addresses: iptables DROP rules, in both directions, in a chain of the lab's own,
 * inside the private network namespace that {@code bin/flotilla lab} runs the lab in.
 *
 * <p>Rules match source and destination address only (no connection state), so established member connections
 * go silent too, as when a cable is pulled; the lab's clients connect from 127.0.0.1, which no rule names, so they
 * keep reaching every node on both sides. The namespace is the safety net: the chain, its rules and the addresses
 * exist only there and vanish with it, whatever happens to the lab; {@link #close()} removes them earlier.
 *
 * <p>{@link #open()} refuses to touch a network namespace the lab did not make: with {@code FLOTILLA_NETNS=private}
 * and a namespace other than the one {@code FLOTILLA_OUTER_NETNS} names, the rules cannot reach the machine's own
 * firewall.
 */
public final class PrivateNetwork implements AutoCloseable {
    static final String CHAIN = "FLOTILLA-LAB";
    private static final long COMMAND_LIMIT_SECONDS = 20;

    private final Object lock = new Object();
    private boolean closed;

    private PrivateNetwork() {
    }

    /** Why partitions cannot run here, or empty when they can: a private network namespace and iptables. */
    public static Optional<String> unavailable() {
        if (!"private".equals(System.getenv("FLOTILLA_NETNS"))) {
            return Optional.of("network partitions need the lab's private network namespace: run the lab through"
                    + " bin/flotilla lab as root (with unshare from util-linux, iproute2 and iptables installed)");
        }
        String outer = System.getenv("FLOTILLA_OUTER_NETNS");
        String own;
        try {
            own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot read this process' network namespace: " + e.getMessage());
        }
        if (outer == null || outer.isBlank() || outer.equals(own)) {
            return Optional.of("this JVM runs in the machine's own network namespace (" + own + "), not a private"
                    + " one; refusing to add firewall rules there");
        }
        if (!onPath("iptables")) {
            return Optional.of("network partitions need iptables (Debian package iptables); it is not installed");
        }
        return Optional.empty();
    }

    /**
     * Creates the lab's chain and sends every incoming packet through it.
     *
     * @throws IllegalStateException with {@link #unavailable()}'s reason, or when iptables fails
     */
    public static PrivateNetwork open() {
        unavailable().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        // A chain left by an earlier fleet in this namespace (one lab run may form several) is reused empty.
        if (iptables(List.of("-n", "-L", CHAIN)) != 0) {
            check(List.of("-N", CHAIN));
        }
        check(List.of("-F", CHAIN));
        if (iptables(List.of("-C", "INPUT", "-j", CHAIN)) != 0) {
            check(List.of("-I", "INPUT", "1", "-j", CHAIN));
        }
        return new PrivateNetwork();
    }

    /**
     * Replaces the current cut with this one: for every address, the addresses it must neither hear from nor reach.
     * Applied both ways whatever the map says, so a cut is always symmetric.
     */
    public void cut(Map<String, Set<String>> unreachable) {
        synchronized (lock) {
            requireOpen();
            check(List.of("-F", CHAIN));
            Set<List<String>> pairs = new LinkedHashSet<>();
            unreachable.forEach((from, targets) -> targets.forEach(to -> {
                if (!from.equals(to)) {
                    pairs.add(List.of(from, to));
                    pairs.add(List.of(to, from));
                }
            }));
            for (List<String> pair : pairs) {
                check(List.of("-A", CHAIN, "-s", pair.get(0), "-d", pair.get(1), "-j", "DROP"));
            }
        }
    }

    /** Drops every rule: all addresses reach each other again. */
    public void heal() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            check(List.of("-F", CHAIN));
        }
    }

    /** Removes the rules, the jump and the chain. Idempotent; the namespace removes them anyway when it ends. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            iptables(List.of("-F", CHAIN));
            while (iptables(List.of("-D", "INPUT", "-j", CHAIN)) == 0) {
                // the jump may have been inserted more than once by fleets that did not close
            }
            iptables(List.of("-X", CHAIN));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the private network is closed");
        }
    }

    private static void check(List<String> args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("iptables " + String.join(" ", args) + " failed: " + result.output().strip());
        }
    }

    private static int iptables(List<String> args) {
        return run(args).exitCode();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs iptables, waiting for its lock ({@code -w}); the output (stderr included) is kept for error messages. */
    private static Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run iptables", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running iptables " + String.join(" ", args), e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
