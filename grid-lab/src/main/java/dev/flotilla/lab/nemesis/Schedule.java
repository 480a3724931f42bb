package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The nemesis' clock: waits for the next scheduled step, and stops at once when the run ends. Thread-safe. */
public final class Schedule {
    private final CountDownLatch stop = new CountDownLatch(1);

    /** Ends the schedule: a wait in progress returns false at once. */
    public void stop() {
        stop.countDown();
    }

    /** Whether the schedule has been stopped. */
    public boolean stopped() {
        return stop.getCount() == 0;
    }

    /**
     * Waits up to {@code pause} (a schedule's pacing, not a correctness wait); true when the next step should run,
     * false when the schedule was stopped or the thread interrupted meanwhile.
     */
    public boolean pause(Duration pause) {
        try {
            return !stop.await(Math.max(0, pause.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
