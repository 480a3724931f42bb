package dev.flotilla.lab.workload;

import dev.flotilla.grid.guarantee.Counter;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.util.List;
import java.util.Random;

/**
 * One shared counter: increments by 1 ({@code incr}, value 1) and occasional reads ({@code read}); the final read
 * must lie between the acknowledged and the attempted increments ({@code counter} checker).
 */
final class CounterWorkload implements Workload {
    /** One read for this many operations: reads are checked too, but increments make the contention. */
    private static final int READ_EVERY = 10;

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public String model() {
        return "counter";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        Random random = Seeds.random(seed, worker);
        return () -> random.nextInt(READ_EVERY) == 0 ? new Request("read", null, null) : new Request("incr", null, 1L);
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        Counter counter = target.counter(settings.namespace());
        return request -> switch (request.f()) {
            case "incr" -> {
                counter.incrementBy((Long) request.value());
                yield Outcome.ok(null);
            }
            case "read" -> Outcome.ok(counter.read());
            default -> throw new IllegalArgumentException("counter has no operation " + request.f());
        };
    }

    @Override
    public List<Request> finalReads(WorkloadSettings settings) {
        return List.of(new Request("read", null, null));
    }

    @Override
    public Checker checker(WorkloadSettings settings) {
        return Checkers.counter();
    }

    @Override
    public String summarize(WorkloadSettings settings, History history, CheckResult result) {
        Operation finalRead = FinalRead.last(history, "read");
        long acknowledged = 0;
        long uncertain = 0;
        for (Operation op : history.operations()) {
            if (op.f().equals("incr")) {
                long delta = op.invokeValue().asLong(1);
                if (op.isOk()) {
                    acknowledged += delta;
                } else if (op.isInfo()) {
                    uncertain += delta;
                }
            }
        }
        if (finalRead == null) {
            return "no final read; " + acknowledged + " acknowledged increments";
        }
        long value = finalRead.completionValue().asLong();
        long attempted = acknowledged + uncertain;
        if (value < acknowledged) {
            return "lost " + (acknowledged - value) + " acknowledged increments (final " + value + ", acknowledged "
                    + acknowledged + ")";
        }
        if (value > attempted) {
            return (value - attempted) + " increments too many (final " + value + ", attempted " + attempted + ")";
        }
        return "final " + value + " within [" + acknowledged + ", " + attempted + "]";
    }
}
