package dev.flotilla.lab.check;

import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Checks that a history of keyed objects is linearizable: every ok operation, and any subset of the
 * info operations, can be put in one order that respects real time and the key's sequential
 * specification, a pure {@link SequentialModel}: a register ({@link RegisterModel}) or a versioned
 * document ({@link VersionedRegisterModel}).
 *
 * <p><b>Search.</b> Wing and Gong's algorithm (J. M. Wing, C. Gong, "Testing and verifying
 * concurrent objects", J. Parallel and Distributed Computing 17, 1993) repeatedly picks a
 * "minimal" operation (one invoked before the first pending completion), applies it to the model
 * and backtracks when no choice works. Lowe (G. Lowe, "Testing for linearizability",
 * Concurrency and Computation: Practice and Experience 29(4), 2017) makes this practical:
 * <ul>
 *   <li>memoisation: a configuration is (set of linearized operations, model state); two paths
 *       reaching the same configuration have the same futures, so each is explored once. The set
 *       is stored canonically as (first unlinearized completion, the few pending operations not yet
 *       linearized), which identifies it exactly and stays small (see {@link LinearizationSearch});</li>
 *   <li>just-in-time linearization: the search is driven by the earliest completion whose
 *       operation is not yet linearized; only operations invoked before it are candidates, and a
 *       read that is already legal is linearized at once without branching (it changes no state and
 *       nothing pending must precede it, so placing it now loses no linearization).</li>
 * </ul>
 * The search is an iterative depth-first search with an explicit stack, so long histories
 * cannot overflow the Java stack.
 *
 * <p><b>Per key.</b> Linearizability is compositional (Herlihy and Wing 1990) and, for
 * partitionable specifications such as a map of registers, a history is linearizable iff each
 * key's sub-history is (A. Horn, D. Kroening, "Faster linearizability checking via
 * P-compositionality", FORTE 2015). Keys are therefore checked independently and in parallel.
 *
 * <p><b>Info and fail.</b> A fail operation surely did not happen and is dropped. An info
 * (or never-completed) write or cas may take effect at any time after its invoke, or never: it
 * is a candidate forever and the search succeeds once every ok operation is linearized. An info
 * read returned nothing and is dropped. Registers start null; a read whose ok value is null read
 * an unwritten register. Versioned registers start absent, and each write's answered version is
 * checked along with the value.
 *
 * <p><b>Budget.</b> When the time budget runs out the verdict is UNKNOWN, never VALID. If some
 * key is surely not linearizable the verdict is INVALID even if other keys were undecided.
 */
final class LinearizabilityChecker implements Checker {

    private final SequentialModel model;
    private final Duration budget;

    LinearizabilityChecker(SequentialModel model, Duration budget) {
        this.model = model;
        this.budget = budget;
    }

    @Override
    public CheckResult check(History history) {
        long startNanos = System.nanoTime();
        long budgetNanos = budget.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : budget.toNanos();
        List<Operation> operations = history.operations();
        if (operations.stream().noneMatch(Operation::isOk)) {
            return CheckResult.unknown("nothing-acknowledged", operations.isEmpty() ? "the history has no operation"
                    : "none of the " + operations.size() + " operations was acknowledged (ok)", operations.size(),
                    startNanos);
        }

        Map<String, List<Operation>> byKey = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Operation op : operations) {
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        List<RegisterHistory> keys = new ArrayList<>(byKey.size());
        try {
            byKey.forEach((key, ops) -> keys.add(RegisterHistory.of(key, ops, model)));
        } catch (IllegalArgumentException e) {
            return CheckResult.unknown("unsupported", e.getMessage(), operations.size(), startNanos);
        }

        // parallel() keeps encounter order in toList(), so the report is deterministic. Each
        // concurrent search may use a share of a third of the heap for its memo table.
        int threads = Math.max(1, Math.min(keys.size(), ForkJoinPool.getCommonPoolParallelism() + 1));
        long memoBytes = Runtime.getRuntime().maxMemory() / 3 / threads;
        List<LinearizationSearch> searches = keys.parallelStream()
                .map(key -> LinearizationSearch.run(key, model.initialState(), startNanos, budgetNanos, memoBytes))
                .toList();

        List<Anomaly> anomalies = new ArrayList<>();
        String counterexample = "";
        boolean invalid = false;
        boolean undecided = false;
        for (int i = 0; i < keys.size(); i++) {
            RegisterHistory key = keys.get(i);
            LinearizationSearch search = searches.get(i);
            switch (search.outcome()) {
                case NOT_LINEARIZABLE -> {
                    int stuck = search.stuckOperation();
                    anomalies.add(new Anomaly("nonlinearizable", "key " + CounterexampleWindow.keyName(key.key)
                            + ": no linearization gets past the completion of "
                            + CounterexampleWindow.brief(key.source[stuck])));
                    if (!invalid) {
                        counterexample = CounterexampleWindow.describe(key, stuck);
                    }
                    invalid = true;
                }
                case TIMED_OUT -> {
                    undecided = true;
                    anomalies.add(new Anomaly("undecided", "key " + CounterexampleWindow.keyName(key.key)
                            + ": time budget of " + budget.toMillis() + " ms ran out after "
                            + search.configurations() + " configurations (" + key.size + " operations"
                            + (search.memoResets() > 0 ? ", memo table cleared " + search.memoResets() + " times" : "")
                            + ")"));
                }
                case LINEARIZABLE -> { }
            }
        }
        Verdict verdict = invalid ? Verdict.INVALID : undecided ? Verdict.UNKNOWN : Verdict.VALID;
        return new CheckResult(verdict, anomalies, counterexample, operations.size(),
                CheckResult.millisSince(startNanos));
    }

    @Override
    public String toString() {
        return "LinearizabilityChecker[" + model.modelName() + ", budget " + budget + "]";
    }
}
