package dev.flotilla.lab.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One depth-first search for a linearization of one key's history against its {@link SequentialModel}
 * (see {@link LinearizabilityChecker} for the algorithm and its sources).
 *
 * <p>A configuration is (linearized set L, model state). It is written canonically as
 * (r, P, state): r is the first ok operation, in completion order, that is not in L (the
 * operation that must be linearized "just in time" before its completion is passed), and P is
 * the sorted set of operations invoked before that completion but not in L. Every operation that
 * completed before it is in L and nothing invoked after it is, so (r, P) determines L exactly while
 * P stays as small as the concurrency (plus pending info operations).
 *
 * <p>The stack is explicit, so a history of any length cannot overflow the Java stack.
 */
final class LinearizationSearch {

    enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, TIMED_OUT }

    /** Check the clock once per this many steps: nanoTime is cheap but not free. */
    private static final int CLOCK_MASK = 0xFF;

    private final RegisterHistory h;
    private final long startNanos;
    private final long budgetNanos;

    /** Rough heap cost of one memoised configuration besides its pending ids: object, array header, hash node. */
    private static final long CONFIGURATION_OVERHEAD_BYTES = 112;

    private final long memoBytes;
    private Outcome outcome;
    private int memoResets;
    /** The furthest completion the search could not get past (an index into byReturn). */
    private int deepest;
    private long configurations;

    private LinearizationSearch(RegisterHistory h, long startNanos, long budgetNanos, long memoBytes) {
        this.h = h;
        this.startNanos = startNanos;
        this.budgetNanos = budgetNanos;
        this.memoBytes = memoBytes;
    }

    /** Runs the search from {@code initialState} until decided or until {@code budgetNanos} after {@code startNanos} (System.nanoTime). */
    static LinearizationSearch run(RegisterHistory history, long initialState, long startNanos, long budgetNanos) {
        return run(history, initialState, startNanos, budgetNanos, Runtime.getRuntime().maxMemory() / 4);
    }

    /** As {@link #run(RegisterHistory, int, long, long)}, keeping the memo table under about {@code memoBytes} of heap. */
    static LinearizationSearch run(RegisterHistory history, long initialState, long startNanos, long budgetNanos,
                                   long memoBytes) {
        LinearizationSearch search = new LinearizationSearch(history, startNanos, budgetNanos, memoBytes);
        search.outcome = search.search(initialState);
        return search;
    }

    Outcome outcome() {
        return outcome;
    }

    /** Returns the id of the ok operation whose completion no explored linearization could pass. */
    int stuckOperation() {
        return h.byReturn[Math.min(deepest, h.byReturn.length - 1)];
    }

    /** Returns how many distinct configurations were memoised (counting those dropped by resets). */
    long configurations() {
        return configurations;
    }

    /** Returns how many times the memo table was full and had to be cleared. */
    int memoResets() {
        return memoResets;
    }

    // Compare elapsed time, not instants: nanoTime values may be negative and may overflow when added to.
    private boolean outOfTime() {
        return System.nanoTime() - startNanos >= budgetNanos;
    }

    private Outcome search(long initialState) {
        if (outOfTime()) {
            return Outcome.TIMED_OUT;
        }
        int required = h.byReturn.length;
        if (required == 0) {
            return Outcome.LINEARIZABLE;
        }
        int n = h.size;
        boolean[] linearized = new boolean[n];
        // Frame i of the explicit stack; depth <= number of operations + 1.
        long[] state = new long[n + 1];
        int[] forced = new int[n + 1];
        int[] via = new int[n + 1];
        int[] next = new int[n + 1];
        int[][] pending = new int[n + 1][];
        int[][] choices = new int[n + 1][];
        Set<Configuration> seen = new HashSet<>();

        int[] rootPending = range(0, h.boundAt[0]);
        seen.add(new Configuration(0, rootPending, initialState));
        state[0] = initialState;
        forced[0] = 0;
        via[0] = -1;
        next[0] = 0;
        pending[0] = rootPending;
        choices[0] = choices(rootPending, initialState, 0);
        int depth = 1;
        long steps = 0;
        long bytes = 0;

        while (depth > 0) {
            if ((++steps & CLOCK_MASK) == 0 && outOfTime()) {
                configurations += seen.size();
                return Outcome.TIMED_OUT;
            }
            int top = depth - 1;
            int[] options = choices[top];
            if (next[top] == options.length) {
                // Every choice here failed: backtrack.
                if (via[top] >= 0) {
                    linearized[via[top]] = false;
                }
                pending[top] = null;
                choices[top] = null;
                depth--;
                continue;
            }
            int op = options[next[top]++];
            long s = state[top];
            long after = h.step(s, op);
            if (after == SequentialModel.ILLEGAL) {
                continue;
            }
            linearized[op] = true;
            int r = forced[top];
            if (op == h.byReturn[r]) {
                r++;
                while (r < required && linearized[h.byReturn[r]]) {
                    r++;
                }
                if (r == required) {
                    configurations += seen.size();
                    return Outcome.LINEARIZABLE;
                }
            }
            int[] childPending = without(pending[top], op, h.boundAt[forced[top]], h.boundAt[r]);
            if (!seen.add(new Configuration(r, childPending, after))) {
                linearized[op] = false;
                continue;
            }
            bytes += CONFIGURATION_OVERHEAD_BYTES + 4L * childPending.length;
            if (bytes > memoBytes) {
                // The memo only prunes repeated work and every path strictly deepens, so forgetting
                // it keeps the search exact and finite; it just costs time, which the budget bounds.
                configurations += seen.size();
                seen.clear();
                bytes = 0;
                memoResets++;
            }
            if (r > deepest) {
                deepest = r;
            }
            state[depth] = after;
            forced[depth] = r;
            via[depth] = op;
            next[depth] = 0;
            pending[depth] = childPending;
            choices[depth] = choices(childPending, after, r);
            depth++;
        }
        configurations += seen.size();
        return Outcome.NOT_LINEARIZABLE;
    }

    /**
     * Returns the operations worth trying next, in the order to try them.
     *
     * <p>If some pending observer (a read) is legal now, it is the only choice: linearizing it
     * now keeps every linearization that places it later (it changes nothing and no pending
     * operation must precede it in real time), so the other branches are redundant. Otherwise the
     * forced operation goes first when legal; when it is not, operations that produce the value it
     * needs go first; then other ok operations; then info operations, which are needed least often.
     */
    private int[] choices(int[] candidates, long s, int r) {
        int forcedOp = h.byReturn[r];
        boolean forcedLegal = h.step(s, forcedOp) != SequentialModel.ILLEGAL;
        long needed = forcedLegal ? SequentialModel.ILLEGAL
                : h.model.requiredState(h.kind[forcedOp], h.a[forcedOp], h.b[forcedOp], h.c[forcedOp]);
        int[] rank = new int[candidates.length];
        int count = 0;
        for (int i = 0; i < candidates.length; i++) {
            int op = candidates[i];
            long after = h.step(s, op);
            if (after == SequentialModel.ILLEGAL) {
                rank[i] = -1;
                continue;
            }
            if (h.model.isObserver(h.kind[op], h.a[op], h.b[op], h.c[op]) && h.isRequired(op)) {
                return new int[] {op};
            }
            rank[i] = op == forcedOp ? 0 : after == needed ? 1 : h.isRequired(op) ? 2 : 3;
            count++;
        }
        int[] out = new int[count];
        int j = 0;
        for (int wanted = 0; wanted <= 3; wanted++) {
            for (int i = 0; i < candidates.length; i++) {
                if (rank[i] == wanted) {
                    out[j++] = candidates[i];
                }
            }
        }
        return out;
    }

    /** Returns sorted {@code candidates} minus {@code op}, plus the newly invoked ids [from, to). */
    private static int[] without(int[] candidates, int op, int from, int to) {
        int[] out = new int[candidates.length - 1 + (to - from)];
        int j = 0;
        for (int c : candidates) {
            if (c != op) {
                out[j++] = c;
            }
        }
        for (int id = from; id < to; id++) {
            out[j++] = id;
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** A memoised configuration (r, P, state); equal configurations have equal futures. */
    private static final class Configuration {
        private final int forced;
        private final int[] pending;
        private final long state;
        private final int hash;

        Configuration(int forced, int[] pending, long state) {
            this.forced = forced;
            this.pending = pending;
            this.state = state;
            this.hash = (Arrays.hashCode(pending) * 31 + forced) * 0x9E3779B1 + Long.hashCode(state);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Configuration c && c.hash == hash && c.forced == forced && c.state == state
                    && Arrays.equals(c.pending, pending);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
