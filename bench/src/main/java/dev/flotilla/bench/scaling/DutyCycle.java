package dev.flotilla.bench.scaling;

import dev.flotilla.lab.fleet.NodeProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Makes one node slow on purpose: SIGSTOP for {@code stopped}, SIGCONT, run for {@code running}, again and again,
 * until closed (which leaves the node running). It measures what it did: the share of wall time the node was
 * really stopped, which differs from the plan when the machine is busy.
 *
 * <p>Signals go through the {@code kill} builtin of one long-lived shell fed on its standard input, not a
 * {@code kill} process per signal (as the lab's pause does): spawning a process from a large JVM on a loaded
 * machine takes tens of milliseconds, longer than a stop. The shell ends when this JVM does (its input closes);
 * a node still stopped then is killed by the fleet's own shutdown hook, SIGKILL ends a stopped process.
 *
 * <p>Short stops keep the node a member: its heartbeats are late by at most one stop, far below the failure
 * detector's limit, so the cluster sees a slow member, not a lost one.
 */
final class DutyCycle implements AutoCloseable {
    private final NodeProcess node;
    private final Duration stopped;
    private final Duration running;
    private final Process shell;
    private final Writer commands;
    private final BufferedReader answers;
    private final Thread thread;
    private volatile boolean on = true;
    private long stoppedNanos;
    private long startNanos;
    private long endNanos;
    private int cycles;

    private DutyCycle(NodeProcess node, Duration stopped, Duration running) throws IOException {
        this.node = node;
        this.stopped = stopped;
        this.running = running;
        this.shell = new ProcessBuilder("bash", "--noprofile", "--norc").redirectErrorStream(true).start();
        this.commands = new java.io.OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII);
        this.answers = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
        this.thread = new Thread(this::cycle, "duty-cycle-" + node.number());
        thread.setDaemon(true);
    }

    static DutyCycle start(NodeProcess node, Duration stopped, Duration running) {
        try {
            DutyCycle duty = new DutyCycle(node, stopped, running);
            duty.startNanos = System.nanoTime();
            duty.thread.start();
            return duty;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a shell to signal " + node.label(), e);
        }
    }

    /** Sends the signal and waits for the shell's answer: when this returns, the signal was delivered. */
    private synchronized void signal(String name) throws IOException {
        commands.write("kill -" + name + " " + node.pid() + " && echo ok || echo failed\n");
        commands.flush();
        String answer = answers.readLine();
        if (!"ok".equals(answer)) {
            throw new IOException("kill -" + name + " " + node.pid() + " answered " + answer);
        }
    }

    private void cycle() {
        try {
            while (on) {
                signal("STOP");
                long stoppedAt = System.nanoTime();
                try {
                    Thread.sleep(stopped.toMillis());
                } finally {
                    signal("CONT");
                    long resumedAt = System.nanoTime();
                    synchronized (this) {
                        stoppedNanos += resumedAt - stoppedAt;
                        cycles++;
                    }
                }
                Thread.sleep(running.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            on = false;
        }
    }

    /** Share of the wall time since the start that the node was stopped (from SIGSTOP delivered to SIGCONT sent). */
    synchronized double stoppedShare() {
        long end = endNanos > 0 ? endNanos : System.nanoTime();
        return end > startNanos ? stoppedNanos / (double) (end - startNanos) : 0;
    }

    synchronized int cycles() {
        return cycles;
    }

    /** Stops cycling, makes sure the node runs, and ends the shell. Idempotent. */
    @Override
    public void close() {
        on = false;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        synchronized (this) {
            if (endNanos == 0) {
                endNanos = System.nanoTime();
            }
        }
        try {
            if (shell.isAlive()) {
                signal("CONT"); // harmless when it runs; needed if the cycle ended between STOP and CONT
                commands.close();
            }
        } catch (IOException e) {
            // the node is gone (nothing to resume) or the shell is: the fleet's close kills the node either way
        } finally {
            shell.destroy();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
