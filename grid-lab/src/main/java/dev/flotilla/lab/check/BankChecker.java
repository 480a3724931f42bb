package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a bank history: transfers move money between accounts, so every ok snapshot read must
 * sum to the fixed total, and no balance may go negative.
 *
 * <p>{@code f=transfer} carries {@code {"from","to","amount"}} and is otherwise not checked;
 * {@code f=read} completes ok with a map account -> balance. Each bad read is reported with
 * the money created ({@code +N}) or destroyed ({@code -N}); the last ok read is labelled the final
 * read. A history with no ok read is UNKNOWN.
 */
final class BankChecker implements Checker {

    private final long total;

    BankChecker(long total) {
        this.total = total;
    }

    @Override
    public CheckResult check(History history) {
        long startNanos = System.nanoTime();
        List<Operation> operations = history.operations();
        List<Operation> reads = new ArrayList<>();
        for (Operation op : operations) {
            switch (op.f()) {
                case "read" -> {
                    if (op.isOk()) {
                        reads.add(op);
                    }
                }
                case "transfer" -> { }
                default -> {
                    return CheckResult.unknown("unsupported", "bank has no operation f=" + op.f() + " (invoke index "
                            + op.invokeIndex() + ")", operations.size(), startNanos);
                }
            }
        }
        if (reads.isEmpty()) {
            return CheckResult.unknown("no-read", "no ok read to check", operations.size(), startNanos);
        }
        Operation last = reads.get(0);
        for (Operation read : reads) {
            if (read.completeIndex() > last.completeIndex()) {
                last = read;
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        String counterexample = "";
        for (Operation read : reads) {
            String label = (read == last ? "final read" : "read") + " by process " + read.process()
                    + " (invoke " + read.invokeIndex() + ", ok " + read.completeIndex() + ")";
            JsonNode balances = read.completionValue();
            if (!balances.isObject()) {
                return CheckResult.unknown("malformed",
                        label + " value must be a map account -> balance, got " + balances, operations.size(),
                        startNanos);
            }
            long sum = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = balances.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> account = it.next();
                long balance;
                try {
                    balance = CanonicalJson.longValue(account.getValue(), "balance of " + account.getKey());
                } catch (IllegalArgumentException e) {
                    return CheckResult.unknown("malformed", label + ": " + e.getMessage(), operations.size(),
                            startNanos);
                }
                sum += balance;
                if (balance < 0) {
                    anomalies.add(new Anomaly("negative", label + ": account " + account.getKey()
                            + " has balance " + balance));
                }
            }
            if (sum != total) {
                long delta = sum - total;
                String money = "money " + (delta > 0 ? "+" : "") + delta;
                anomalies.add(new Anomaly("money", label + ": balances sum to " + sum + ", expected " + total
                        + ": " + money));
                if (counterexample.isEmpty()) {
                    counterexample = label + " saw " + balances + ", which sums to " + sum + " instead of "
                            + total + " (" + money + ")";
                }
            }
        }
        if (counterexample.isEmpty() && !anomalies.isEmpty()) {
            counterexample = anomalies.get(0).message();
        }
        Verdict verdict = anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        return new CheckResult(verdict, anomalies, counterexample, operations.size(),
                CheckResult.millisSince(startNanos));
    }

    @Override
    public String toString() {
        return "BankChecker[total " + total + "]";
    }
}
