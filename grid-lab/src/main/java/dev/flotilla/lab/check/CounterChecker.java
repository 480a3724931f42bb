package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a counter history: {@code f=incr} adds its value (an integer delta; absent means 1) and
 * {@code f=read} completes ok with the current value. The counter starts at 0.
 *
 * <p>Each ok read must lie between what surely happened and what might have: the lower bound is
 * the sum of ok increments completed before the read was invoked; the upper bound adds every other
 * increment invoked before the read completed that did not fail (info, or concurrent with the
 * read). For the final read of a quiet history this is [sum of ok deltas, sum of ok + info deltas].
 * Negative deltas widen the other bound. No ok read: UNKNOWN.
 */
final class CounterChecker implements Checker {

    @Override
    public CheckResult check(History history) {
        long startNanos = System.nanoTime();
        List<Operation> operations = history.operations();
        List<Operation> increments = new ArrayList<>();
        List<Operation> reads = new ArrayList<>();
        try {
            for (Operation op : operations) {
                switch (op.f()) {
                    case "incr" -> {
                        if (!op.isFail()) {
                            delta(op);
                            increments.add(op);
                        }
                    }
                    case "read" -> {
                        if (op.isOk()) {
                            CanonicalJson.longValue(op.completionValue(), "read value at index " + op.completeIndex());
                            reads.add(op);
                        }
                    }
                    default -> throw new UnsupportedOperationException("counter has no operation f=" + op.f()
                            + " (invoke index " + op.invokeIndex() + ")");
                }
            }
        } catch (IllegalArgumentException e) {
            return CheckResult.unknown("malformed", e.getMessage(), operations.size(), startNanos);
        } catch (UnsupportedOperationException e) {
            return CheckResult.unknown("unsupported", e.getMessage(), operations.size(), startNanos);
        }
        if (reads.isEmpty()) {
            return CheckResult.unknown("no-read", "no ok read to check", operations.size(), startNanos);
        }

        // Surely applied: ok increments, by completion. Possibly applied: non-failed increments, by invoke.
        Operation[] definite = increments.stream().filter(Operation::isOk)
                .sorted(Comparator.comparingLong(Operation::completeIndex)).toArray(Operation[]::new);
        Operation[] possible = increments.toArray(new Operation[0]); // already in invoke order
        long[] definiteEnds = Arrays.stream(definite).mapToLong(Operation::completeIndex).toArray();
        long[] possibleStarts = Arrays.stream(possible).mapToLong(Operation::invokeIndex).toArray();
        Sums definiteSums = Sums.of(definite);
        Sums possibleSums = Sums.of(possible);

        Operation last = reads.get(0);
        for (Operation read : reads) {
            if (read.completeIndex() > last.completeIndex()) {
                last = read;
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        String counterexample = "";
        for (Operation read : reads) {
            int d = countBelow(definiteEnds, read.invokeIndex());
            int p = countBelow(possibleStarts, read.completeIndex());
            long sure = definiteSums.total[d];
            long lower = sure + possibleSums.negative[p] - definiteSums.negative[d];
            long upper = sure + possibleSums.positive[p] - definiteSums.positive[d];
            long value = read.completionValue().longValue();
            String label = (read == last ? "final read" : "read") + " " + value + " by process " + read.process()
                    + " (invoke " + read.invokeIndex() + ", ok " + read.completeIndex() + ")";
            String problem = null;
            if (value < lower) {
                problem = label + " is " + (lower - value) + " below the acknowledged " + lower
                        + " (allowed [" + lower + ", " + upper + "])";
            } else if (value > upper) {
                problem = label + " is " + (value - upper) + " above the attempted " + upper
                        + " (allowed [" + lower + ", " + upper + "])";
            }
            if (problem != null) {
                anomalies.add(new Anomaly(value < lower ? "lost-increment" : "extra-increment", problem));
                if (counterexample.isEmpty() || read == last) {
                    counterexample = problem;
                }
            }
        }
        if (increments.stream().allMatch(op -> delta(op) > 0)) {
            String regression = monotonicReads(reads, anomalies);
            if (counterexample.isEmpty()) {
                counterexample = regression;
            }
        }
        Verdict verdict = anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        return new CheckResult(verdict, anomalies, counterexample, operations.size(),
                CheckResult.millisSince(startNanos));
    }

    /**
     * A grow-only counter never reads less than a read that completed before this one was invoked: adds an
     * anomaly {@code nonmonotonic} per such read, naming the larger earlier read, and returns the first message.
     */
    private static String monotonicReads(List<Operation> reads, List<Anomaly> anomalies) {
        Operation[] byCompletion = reads.stream().sorted(Comparator.comparingLong(Operation::completeIndex))
                .toArray(Operation[]::new);
        long[] ends = Arrays.stream(byCompletion).mapToLong(Operation::completeIndex).toArray();
        // largest[i]: the read with the largest value among the first i reads to complete.
        Operation[] largest = new Operation[byCompletion.length + 1];
        for (int i = 0; i < byCompletion.length; i++) {
            Operation best = largest[i];
            largest[i + 1] = best == null || byCompletion[i].completionValue().longValue()
                    > best.completionValue().longValue() ? byCompletion[i] : best;
        }
        String first = "";
        for (Operation read : reads) {
            Operation earlier = largest[countBelow(ends, read.invokeIndex())];
            long value = read.completionValue().longValue();
            if (earlier != null && earlier.completionValue().longValue() > value) {
                String message = "read " + value + " by process " + read.process() + " (invoke " + read.invokeIndex()
                        + ", ok " + read.completeIndex() + ") is below the earlier read "
                        + earlier.completionValue().longValue() + " by process " + earlier.process() + " (ok "
                        + earlier.completeIndex() + "), which completed before it was invoked; every delta is"
                        + " positive, so the counter went backwards";
                anomalies.add(new Anomaly("nonmonotonic", message));
                if (first.isEmpty()) {
                    first = message;
                }
            }
        }
        return first;
    }

    private static long delta(Operation op) {
        JsonNode value = op.invokeValue();
        return value.isNull() ? 1 : CanonicalJson.longValue(value, "incr delta at index " + op.invokeIndex());
    }

    /** Returns how many of the sorted values are strictly below {@code limit}. */
    private static int countBelow(long[] sorted, long limit) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Prefix sums of deltas: total, positive parts and negative parts of the first i increments. */
    private record Sums(long[] total, long[] positive, long[] negative) {
        static Sums of(Operation[] increments) {
            int n = increments.length;
            long[] total = new long[n + 1];
            long[] positive = new long[n + 1];
            long[] negative = new long[n + 1];
            for (int i = 0; i < n; i++) {
                long d = delta(increments[i]);
                total[i + 1] = total[i] + d;
                positive[i + 1] = positive[i] + Math.max(0, d);
                negative[i + 1] = negative[i] + Math.min(0, d);
            }
            return new Sums(total, positive, negative);
        }
    }

    @Override
    public String toString() {
        return "CounterChecker";
    }
}
