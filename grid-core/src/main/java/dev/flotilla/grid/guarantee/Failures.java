package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.internal.FailureClassifier;

import java.util.function.Supplier;

/** Runs a mode's call and turns every failure into a classified {@link GridException}. */
final class Failures {
    private Failures() {
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw FailureClassifier.classify(e);
        }
    }

    static void run(Runnable operation) {
        try {
            operation.run();
        } catch (RuntimeException e) {
            throw FailureClassifier.classify(e);
        }
    }

    /** The classified failure of {@code cause}, with a message saying what may be half done. */
    static GridException partial(RuntimeException cause, String whatMayBeHalfDone) {
        GridException classified = FailureClassifier.classify(cause);
        if (classified.definite()) {
            return classified;
        }
        return new GridException(classified.failure(), classified.getMessage() + "; " + whatMayBeHalfDone,
                classified.getCause() == null ? classified : classified.getCause());
    }
}
