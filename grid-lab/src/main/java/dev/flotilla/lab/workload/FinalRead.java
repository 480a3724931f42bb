package dev.flotilla.lab.workload;

import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.util.ArrayList;
import java.util.List;

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
