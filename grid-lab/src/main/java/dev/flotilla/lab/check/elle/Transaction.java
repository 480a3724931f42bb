package dev.flotilla.lab.check.elle;

import dev.flotilla.lab.history.Operation;
import java.util.List;
import java.util.StringJoiner;

/**
 * One transaction of a list-append history.
 *
 * @param id the node number in the dependency graph; printed as {@code T<id>}
 * @param op the operation it came from
 * @param mops the micro-operations: an ok transaction's completed ones, else the invoked ones
 * @param readsKnown true only for ok transactions, whose reads are filled in
 */
record Transaction(int id, Operation op, List<MicroOp> mops, boolean readsKnown) {

    /** One append or read; {@code read} is the list read, or null for an append or an unknown read. */
    record MicroOp(boolean append, String key, long element, long[] read) {

        @Override
        public String toString() {
            return append ? "append " + key + " " + element : "r " + key + " " + (read == null ? "?" : list(read));
        }
    }

    /** The history line that shows this transaction best: its completion when there is one. */
    long index() {
        return op.completeIndex() >= 0 ? op.completeIndex() : op.invokeIndex();
    }

    /** The last element this transaction appended to {@code key}, or null when it appended none. */
    Long lastAppend(String key) {
        Long last = null;
        for (MicroOp mop : mops) {
            if (mop.append && mop.key.equals(key)) {
                last = mop.element;
            }
        }
        return last;
    }

    /** The read of {@code key} that comes before any own append of it (what the transaction saw of others), or null. */
    MicroOp externalRead(String key) {
        if (!readsKnown) {
            return null;
        }
        for (MicroOp mop : mops) {
            if (mop.key.equals(key)) {
                return mop.append ? null : mop;
            }
        }
        return null;
    }

    String name() {
        return "T" + id;
    }

    /** E.g. {@code T12 (index 40: append k3 5, r k1 [1 2])}. */
    String describe() {
        StringJoiner joiner = new StringJoiner(", ", name() + " (" + op.type().jsonName() + " index " + index() + ": ",
                ")");
        for (MicroOp mop : mops) {
            joiner.add(mop.toString());
        }
        return joiner.toString();
    }

    /** A list as {@code [1 2 3]}, shortened to its last elements when long, as {@code [..7 8 9]}. */
    static String list(long[] values) {
        StringJoiner joiner = new StringJoiner(" ", values.length > 4 ? "[.." : "[", "]");
        for (int i = Math.max(0, values.length - 3 - (values.length > 4 ? 0 : 1)); i < values.length; i++) {
            joiner.add(Long.toString(values[i]));
        }
        return joiner.toString();
    }
}
