package dev.flotilla.lab.workload;

import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the final read in a history: the last acknowledged read invoked after every other operation had completed,
 * which is what the final-read phase makes once the clients stopped. A read made while writes were still running
 * is not a final read, so a run whose final read got no answer says "no final read" instead of judging the final
 * state from a read in the middle of the run.
 */
final class FinalRead {
    private FinalRead() {
    }

    /**
     * The ok operation named {@code f} (on {@code key}, when not null) that completed last among those invoked after
     * every operation of another name had completed, or null.
     */
    static Operation last(History history, String f, String key) {
        long othersDone = -1;
        for (Operation op : history.operations()) {
            if (!op.f().equals(f) && op.completeIndex() > othersDone) {
                othersDone = op.completeIndex();
            }
        }
        Operation last = null;
        for (Operation op : history.operations()) {
            if (op.isOk() && op.f().equals(f) && (key == null || key.equals(op.key())) && op.invokeIndex() > othersDone
                    && (last == null || op.completeIndex() > last.completeIndex())) {
                last = op;
            }
        }
        return last;
    }

    static Operation last(History history, String f) {
        return last(history, f, null);
    }

    /**
     * The summary of a per-key linearizability check: the verdict in words, the ok operations and each key's
     * last read, e.g. {@code linearizable (412 ok operations; last reads r0=3 r1=?)}.
     */
    static String summarizePerKey(History history, CheckResult result, List<String> keys) {
        long oks = history.operations().stream().filter(Operation::isOk).count();
        List<String> finals = new ArrayList<>();
        for (String key : keys) {
            Operation read = last(history, "read", key);
            finals.add(key + "=" + (read == null ? "?" : read.completionValue()));
        }
        String tail = " (" + oks + " ok operations; last reads " + String.join(" ", finals) + ")";
        return switch (result.verdict()) {
            case VALID -> "linearizable" + tail;
            case INVALID -> "not linearizable on " + result.anomalies().stream()
                    .filter(a -> !a.kind().equals("unknown")).count() + " key(s)" + tail;
            case UNKNOWN -> "undecided" + tail;
        };
    }
}
