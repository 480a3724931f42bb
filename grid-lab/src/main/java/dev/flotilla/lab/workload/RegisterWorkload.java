package dev.flotilla.lab.workload;

import dev.flotilla.grid.guarantee.Register;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.CheckerOptions;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Several integer registers {@code r0..r(n-1)}: reads, writes and compare-and-sets of small values (0 to 4, so
 * cas often succeeds and the search stays small); every key's history must be linearizable ({@code cas-register}
 * checker, split per key). Mix: half reads, a quarter writes, a quarter cas.
 */
final class RegisterWorkload implements Workload {
    private static final int VALUES = 5;
    /** How long the linearizability search may take before the verdict is UNKNOWN. */
    private static final Duration CHECK_BUDGET = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String model() {
        return "cas-register";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        Random random = Seeds.random(seed, worker);
        return () -> {
            String key = key(random.nextInt(settings.keys()));
            int dice = random.nextInt(4);
            if (dice < 2) {
                return new Request("read", key, null);
            }
            if (dice == 2) {
                return new Request("write", key, (long) random.nextInt(VALUES));
            }
            return new Request("cas", key, List.of((long) random.nextInt(VALUES), (long) random.nextInt(VALUES)));
        };
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        Register registers = target.register(settings.namespace());
        return request -> switch (request.f()) {
            case "read" -> Outcome.ok(registers.read(request.key()));
            case "write" -> {
                registers.write(request.key(), (Long) request.value());
                yield Outcome.ok(request.value());
            }
            case "cas" -> {
                @SuppressWarnings("unchecked")
                List<Long> pair = (List<Long>) request.value();
                yield registers.compareAndSet(request.key(), pair.get(0), pair.get(1))
                        ? Outcome.ok(pair) : Outcome.fail(pair);
            }
            default -> throw new IllegalArgumentException("register has no operation " + request.f());
        };
    }

    @Override
    public List<Request> finalReads(WorkloadSettings settings) {
        return IntStream.range(0, settings.keys()).mapToObj(i -> new Request("read", key(i), null)).toList();
    }

    @Override
    public Checker checker(WorkloadSettings settings) {
        return Checkers.byName(model(), CheckerOptions.defaults().withBudget(CHECK_BUDGET));
    }

    @Override
    public String summarize(WorkloadSettings settings, History history, CheckResult result) {
        long oks = history.operations().stream().filter(Operation::isOk).count();
        List<String> finals = new ArrayList<>();
        for (int i = 0; i < settings.keys(); i++) {
            Operation read = FinalRead.last(history, "read", key(i));
            finals.add(key(i) + "=" + (read == null ? "?" : read.completionValue()));
        }
        String tail = " (" + oks + " ok operations; last reads " + String.join(" ", finals) + ")";
        return switch (result.verdict()) {
            case VALID -> "linearizable" + tail;
            case INVALID -> "not linearizable on " + result.anomalies().stream()
                    .filter(a -> !a.kind().equals("unknown")).count() + " key(s)" + tail;
            case UNKNOWN -> "undecided" + tail;
        };
    }

    static String key(int index) {
        return "r" + index;
    }
}
