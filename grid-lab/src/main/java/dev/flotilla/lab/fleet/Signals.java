package dev.flotilla.lab.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Signals and waits for the fleet's child processes (nodes and the database), safe from interrupted threads. */
final class Signals {
    private Signals() {
    }

    /**
     * Sends {@code SIG<name>} to {@code p} with {@code kill}; throws IllegalStateException naming {@code label} when
     * the process is not running or kill fails. A signal goes out even from an interrupted thread (the flag is kept).
     */
    static void send(Process p, String name, String label) {
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(label + " is not running: cannot send SIG" + name);
        }
        boolean interrupted = Thread.interrupted();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + p.pid() + " failed for " + label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kill -" + name + " " + p.pid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            interrupted = true;
            throw new IllegalStateException("interrupted while signalling " + label, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits up to {@code seconds} for {@code p} to exit; true when it did. Stopping a process is not optional: an
     * interrupt does not cut the wait short, it is kept for the caller.
     */
    static boolean awaitExit(Process p, long seconds) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return p.waitFor(seconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
