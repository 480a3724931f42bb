package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds and prints a small window of operations that by itself proves a register history is not
 * linearizable.
 *
 * <p>The search got stuck at the completion of operation x. Cut the history there (operations
 * still running at the cut become info): that prefix is already not linearizable. Then pick a
 * start t and keep the ok operations completing at or after t, closing t downwards until none of
 * them was invoked before t, plus the info operations invoked at or after t. Every other ok
 * operation completed before t, so it precedes the whole window in real time; in any
 * linearization of the prefix the window therefore runs from some state s0 that the earlier
 * operations left behind. If the window cannot be linearized from any initial value, neither can
 * the history. Info operations invoked before t are included when some window operation
 * observes (reads or cas-expects) the value they write; an unobserved value can only be
 * overwritten, so dropping such an operation never removes a linearization.
 *
 * <p>t starts at the stuck operation's invoke and moves back one ok operation at a time, so
 * the first window found is the smallest of this shape.
 */
final class CounterexampleWindow {

    /** Past this many operations a window is no longer "readable"; fall back to a plain excerpt. */
    static final int MAX_WINDOW = 40;
    private static final long MINIMISE_BUDGET_NANOS = 2_000_000_000L;

    private CounterexampleWindow() {
    }

    /** Returns a readable explanation of why {@code h} is not linearizable, given the operation the search got stuck at. */
    static String describe(RegisterHistory h, int stuck) {
        long startNanos = System.nanoTime();
        long cut = h.complete[stuck];
        int prefix = h.invokedBefore(cut);
        String header = "key " + keyName(h.key) + ": no linearization gets past the completion of "
                + brief(h.source[stuck]) + ".\n";
        if (!h.model.stateIsValue()) {
            // The window argument starts from "any initial value"; a versioned state is not a value alone.
            return header + "Operations around it:\n" + table(h, excerpt(h, stuck, prefix, cut)).stripTrailing();
        }

        TreeSet<Long> starts = new TreeSet<>();
        for (int id = 0; id < prefix; id++) {
            if (h.complete[id] <= cut && h.invoke[id] <= h.invoke[stuck]) {
                starts.add(h.invoke[id]);
            }
        }
        BitSet previous = null;
        for (Long start : starts.descendingSet()) {
            long t = closeDownwards(h, start, prefix, cut);
            BitSet window = window(h, t, prefix, cut);
            if (window.cardinality() > MAX_WINDOW) {
                break;
            }
            if (window.equals(previous)) {
                continue;
            }
            previous = window;
            boolean knownStart = true;
            for (int id = 0; id < prefix; id++) {
                if (h.complete[id] < t) {
                    knownStart = false;
                    break;
                }
            }
            int[] ids = window.stream().toArray();
            RegisterHistory sub = h.restrict(ids, cut);
            Boolean refuted = refutedFromEveryStart(sub, knownStart, startNanos);
            if (refuted == null) {
                break;
            }
            if (refuted) {
                boolean runningAtCut = false;
                for (int id : ids) {
                    runningAtCut |= h.complete[id] > cut;
                }
                return header + "These " + ids.length + " operations cannot be linearized "
                        + (knownStart ? "from the initial null register" : "from any initial value")
                        + (runningAtCut ? " (those completing after index " + cut + " may or may not have taken effect)" : "")
                        + ":\n" + table(h, ids).stripTrailing();
            }
        }
        return header + "Operations around it (window not minimised):\n"
                + table(h, excerpt(h, stuck, prefix, cut)).stripTrailing();
    }

    /** Lowers t until no ok operation completing at or after t was invoked before t. */
    private static long closeDownwards(RegisterHistory h, long start, int prefix, long cut) {
        long t = start;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int id = 0; id < prefix; id++) {
                if (h.complete[id] <= cut && h.complete[id] >= t && h.invoke[id] < t) {
                    t = h.invoke[id];
                    changed = true;
                }
            }
        }
        return t;
    }

    private static BitSet window(RegisterHistory h, long t, int prefix, long cut) {
        BitSet window = new BitSet(prefix);
        BitSet observed = new BitSet();
        for (int id = 0; id < prefix; id++) {
            boolean ok = h.complete[id] <= cut;
            // A read (or a cas that found another value) still running at the cut returned nothing yet: it
            // constrains nothing there.
            if (!ok && (h.kind[id] == RegisterModel.READ || h.kind[id] == RegisterModel.CAS_MISMATCH)) {
                continue;
            }
            if ((ok && h.complete[id] >= t) || (!ok && h.invoke[id] >= t)) {
                window.set(id);
                observe(h, id, observed);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int id = 0; id < prefix; id++) {
                if (window.get(id) || h.complete[id] <= cut || h.kind[id] == RegisterModel.CAS_MISMATCH) {
                    continue;
                }
                int written = h.kind[id] == RegisterModel.CAS ? h.b[id] : h.a[id];
                if (h.kind[id] != RegisterModel.READ && observed.get(written)) {
                    window.set(id);
                    observe(h, id, observed);
                    grew = true;
                }
            }
        }
        return window;
    }

    private static void observe(RegisterHistory h, int id, BitSet observed) {
        if (h.kind[id] == RegisterModel.READ || h.kind[id] == RegisterModel.CAS) {
            observed.set(h.a[id]);
        }
    }

    /** Returns true if no start state linearizes {@code sub}, false if one does, null if out of time. */
    private static Boolean refutedFromEveryStart(RegisterHistory sub, boolean knownStart, long startNanos) {
        BitSet starts = new BitSet();
        starts.set(RegisterModel.NULL_STATE);
        if (!knownStart) {
            for (int id = 0; id < sub.size; id++) {
                observe(sub, id, starts);
            }
            starts.set(sub.values.size()); // a value no operation mentions stands for all of them
        }
        for (int s = starts.nextSetBit(0); s >= 0; s = starts.nextSetBit(s + 1)) {
            LinearizationSearch.Outcome outcome =
                    LinearizationSearch.run(sub, s, startNanos, MINIMISE_BUDGET_NANOS).outcome();
            if (outcome == LinearizationSearch.Outcome.TIMED_OUT) {
                return null;
            }
            if (outcome == LinearizationSearch.Outcome.LINEARIZABLE) {
                return false;
            }
        }
        return true;
    }

    /** The stuck operation, what overlaps it, and the last few ok operations before it. */
    private static int[] excerpt(RegisterHistory h, int stuck, int prefix, long cut) {
        List<Integer> ids = new ArrayList<>();
        int before = 0;
        for (int id = prefix - 1; id >= 0; id--) {
            boolean overlaps = h.complete[id] >= h.invoke[stuck];
            if (overlaps || (h.complete[id] <= cut && before++ < 5)) {
                ids.add(0, id);
            }
            if (ids.size() >= MAX_WINDOW) {
                break;
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static String table(RegisterHistory h, int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            Operation op = h.source[id];
            out.append(String.format("  p%-4d %-24s invoke %d, %s%n", op.process(), describeCall(op),
                    op.invokeIndex(), completion(op)));
        }
        return out.toString();
    }

    static String brief(Operation op) {
        return op.type().jsonName() + " " + describeCall(op) + " by process " + op.process()
                + " (invoke " + op.invokeIndex() + ", " + completion(op) + ")";
    }

    static String keyName(String key) {
        return key == null ? "(none)" : key;
    }

    private static String describeCall(Operation op) {
        if (op.f().equals("read")) {
            return op.isOk() ? "read -> " + op.completionValue() : "read";
        }
        JsonNode call = op.invokeValue();
        String described = op.f().equals("cas") && call.isArray() && call.size() == 2
                ? "cas " + call.get(0) + " -> " + call.get(1)
                : op.f() + (call.isNull() ? "" : " " + call);
        JsonNode answer = op.completionValue();
        // What a write answered (a versioned write's new version), when it is more than its own value.
        return op.isOk() && !answer.isNull() && !CanonicalJson.of(answer).equals(CanonicalJson.of(call))
                ? described + " = " + answer : described;
    }

    private static String completion(Operation op) {
        return op.completeIndex() < 0 ? "never completed" : op.type().jsonName() + " " + op.completeIndex();
    }
}
