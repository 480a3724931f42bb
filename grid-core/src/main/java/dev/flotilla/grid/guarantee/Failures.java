package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
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

    /**
     * The failure of a later step of an operation whose earlier step was applied: never definite, because the
     * operation as a whole took effect in part even when this step surely did not.
     */
    static GridException partial(RuntimeException cause, String whatMayBeHalfDone) {
        GridException classified = FailureClassifier.classify(cause);
        GridFailure failure = classified.definite() ? GridFailure.INTERNAL : classified.failure();
        return new GridException(failure, classified.getMessage() + "; " + whatMayBeHalfDone,
                classified.getCause() == null ? classified : classified.getCause());
    }
}
