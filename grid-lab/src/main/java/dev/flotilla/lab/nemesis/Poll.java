package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes (Awaitility's idea, in main code, without the library). */
public final class Poll {
    private Poll() {
    }

    /** True as soon as {@code condition} holds; false once {@code timeout} has passed without it holding. */
    public static boolean until(Duration timeout, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (safely(condition)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }

    // A view of a member that is shutting down may throw: that only means "not yet".
    private static boolean safely(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
