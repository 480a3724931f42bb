package dev.flotilla.lab.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.grid.guarantee.Accounts;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Accounts {@code a0..a(n-1)} that open with the same balance: transfers of 1 to 5 between two different accounts
 * ({@code transfer}, value {@code {"from","to","amount"}}) and reads of every balance ({@code read}, one in
 * five operations); every ok read must sum to the total with no negative balance ({@code bank} checker).
 */
final class BankWorkload implements Workload {
    private static final int READ_EVERY = 5;
    private static final int MAX_AMOUNT = 5;

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public String model() {
        return "bank";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        if (settings.keys() < 2) {
            throw new IllegalArgumentException("bank needs at least 2 accounts, was " + settings.keys());
        }
        Random random = Seeds.random(seed, worker);
        return () -> {
            if (random.nextInt(READ_EVERY) == 0) {
                return new Request("read", null, null);
            }
            int from = random.nextInt(settings.keys());
            int to = (from + 1 + random.nextInt(settings.keys() - 1)) % settings.keys();
            Map<String, Object> transfer = new LinkedHashMap<>();
            transfer.put("from", account(from));
            transfer.put("to", account(to));
            transfer.put("amount", 1L + random.nextInt(MAX_AMOUNT));
            return new Request("transfer", null, transfer);
        };
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        Accounts accounts = target.accounts(settings.namespace());
        List<String> names = accounts(settings);
        return new WorkloadClient() {
            @Override
            public void setUp() {
                Map<String, Long> opening = new LinkedHashMap<>();
                names.forEach(name -> opening.put(name, settings.initialBalance()));
                accounts.open(opening);
            }

            @Override
            public Outcome apply(Request request) {
                return switch (request.f()) {
                    case "transfer" -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> t = (Map<String, Object>) request.value();
                        // Not enough money is a definite failure (insufficient-balance): the history records fail.
                        accounts.transfer((String) t.get("from"), (String) t.get("to"), (Long) t.get("amount"));
                        yield Outcome.ok(t);
                    }
                    case "read" -> Outcome.ok(new LinkedHashMap<>(accounts.balances(names)));
                    default -> throw new IllegalArgumentException("bank has no operation " + request.f());
                };
            }
        };
    }

    @Override
    public List<Request> finalReads(WorkloadSettings settings) {
        return List.of(new Request("read", null, null));
    }

    @Override
    public Checker checker(WorkloadSettings settings) {
        return Checkers.bank(total(settings), accounts(settings));
    }

    @Override
    public String summarize(WorkloadSettings settings, History history, CheckResult result) {
        long total = total(settings);
        int reads = 0;
        int off = 0;
        for (Operation op : history.operations()) {
            if (op.isOk() && op.f().equals("read")) {
                reads++;
                off += sum(op.completionValue()) == total ? 0 : 1;
            }
        }
        Operation finalRead = FinalRead.last(history, "read");
        if (finalRead == null) {
            return "no final read; " + off + " of " + reads + " reads off the total " + total;
        }
        long money = sum(finalRead.completionValue()) - total;
        String finalPart = money == 0 ? "final total conserved" : "final money " + (money > 0 ? "+" : "") + money;
        return finalPart + "; " + off + " of " + reads + " reads off the total " + total;
    }

    static long total(WorkloadSettings settings) {
        return settings.keys() * settings.initialBalance();
    }

    static List<String> accounts(WorkloadSettings settings) {
        return IntStream.range(0, settings.keys()).mapToObj(BankWorkload::account).toList();
    }

    private static String account(int index) {
        return "a" + index;
    }

    private static long sum(JsonNode balances) {
        long sum = 0;
        for (Iterator<JsonNode> it = balances.elements(); it.hasNext(); ) {
            sum += it.next().asLong();
        }
        return sum;
    }
}
