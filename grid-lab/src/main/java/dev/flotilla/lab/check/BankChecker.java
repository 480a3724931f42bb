package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a bank history: transfers move money between accounts, so every ok snapshot read must
 * sum to the fixed total, and no balance may go negative.
 *
 * <p>{@code f=transfer} carries {@code {"from","to","amount"}} and is otherwise not checked;
 * {@code f=read} completes ok with a map account -> balance. Each bad read is reported with
 * the money created ({@code +N}) or destroyed ({@code -N}); the last ok read is labelled the final
 * read. Every read must show exactly the expected accounts (given, or else those of the first ok read to
 * complete): an account nobody opened is {@code unexpected}, an opened one absent is {@code missing}, and a null or
 * non-integer balance is {@code malformed-balance}; each is INVALID, naming the read, because the read is the
 * product's answer. A history with no ok read is UNKNOWN.
 */
final class BankChecker implements Checker {

    private final long total;
    /** The accounts every read must show; empty: those of the first ok read. */
    private final List<String> accounts;

    BankChecker(long total, List<String> accounts) {
        this.total = total;
        this.accounts = List.copyOf(accounts);
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
        Set<String> expected = expectedAccounts(reads);
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
                if (!expected.contains(account.getKey())) {
                    anomalies.add(new Anomaly("unexpected", label + " shows account " + account.getKey()
                            + ", which was never opened (expected " + expected + ")"));
                }
                JsonNode value = account.getValue();
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    anomalies.add(new Anomaly("malformed-balance", label + ": account " + account.getKey()
                            + " has balance " + value + ", not an integer"));
                    continue;
                }
                long balance = value.longValue();
                sum += balance;
                if (balance < 0) {
                    anomalies.add(new Anomaly("negative", label + ": account " + account.getKey()
                            + " has balance " + balance));
                }
            }
            for (String account : expected) {
                if (!balances.has(account)) {
                    anomalies.add(new Anomaly("missing", label + " does not show account " + account
                            + " (expected " + expected + ")"));
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

    private Set<String> expectedAccounts(List<Operation> reads) {
        if (!accounts.isEmpty()) {
            return new TreeSet<>(accounts);
        }
        Operation first = reads.stream().min(Comparator.comparingLong(Operation::completeIndex)).orElseThrow();
        Set<String> names = new TreeSet<>();
        first.completionValue().fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Override
    public String toString() {
        return "BankChecker[total " + total + "]";
    }
}
