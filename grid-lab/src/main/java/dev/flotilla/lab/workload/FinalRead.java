package dev.flotilla.lab.workload;

import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

/** Finds the last acknowledged read in a history: the one the final-read phase made. */
final class FinalRead {
    private FinalRead() {
    }

    /** The ok operation named {@code f} (on {@code key}, when not null) that completed last, or null. */
    static Operation last(History history, String f, String key) {
        Operation last = null;
        for (Operation op : history.operations()) {
            if (op.isOk() && op.f().equals(f) && (key == null || key.equals(op.key()))
                    && (last == null || op.completeIndex() > last.completeIndex())) {
                last = op;
            }
        }
        return last;
    }

    static Operation last(History history, String f) {
        return last(history, f, null);
    }
}
