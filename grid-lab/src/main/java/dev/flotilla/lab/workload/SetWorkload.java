package dev.flotilla.lab.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.grid.guarantee.GrowSet;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grow-only set: every worker adds unique numbers ({@code add}) and, one request in {@value #READ_EVERY}, reads
 * the whole set ({@code read}), so the {@code set-full} checker can date when each element became visible and
 * whether it was seen and then missed; the final read must contain every acknowledged add. Worker {@code w}'s
 * elements are {@code w * 10^9 + i}.
 */
final class SetWorkload implements Workload {
    private static final long WORKER_SPAN = 1_000_000_000L;
    /** One whole-set read per this many requests: a read returns every element so far, so it grows with the run. */
    static final int READ_EVERY = 20;

    @Override
    public String name() {
        return "set";
    }

    @Override
    public String model() {
        return "set-full";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        // Elements are unique by construction; the seed only picks where each worker's sequence starts.
        long[] next = {worker * WORKER_SPAN + Seeds.random(seed, worker).nextInt(1000) * 1000L};
        int[] requests = {0};
        return () -> ++requests[0] % READ_EVERY == 0
                ? new Request("read", null, null)
                : new Request("add", null, next[0]++);
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        GrowSet set = target.set(settings.namespace());
        return request -> switch (request.f()) {
            case "add" -> {
                set.add((Long) request.value());
                yield Outcome.ok(null);
            }
            case "read" -> Outcome.ok(List.copyOf(set.readAll()));
            default -> throw new IllegalArgumentException("set has no operation " + request.f());
        };
    }

    @Override
    public List<Request> finalReads(WorkloadSettings settings) {
        return List.of(new Request("read", null, null));
    }

    @Override
    public Checker checker(WorkloadSettings settings) {
        return Checkers.set();
    }

    @Override
    public boolean namesLostOperations() {
        return true;
    }

    @Override
    public List<Operation> lostAcknowledged(WorkloadSettings settings, History history) {
        Set<Long> present = finalElements(history);
        if (present == null) {
            return List.of();
        }
        return history.operations().stream()
                .filter(op -> op.isOk() && op.f().equals("add") && !present.contains(op.invokeValue().asLong()))
                .toList();
    }

    /** The elements of the final read, or null when there was none. */
    private static Set<Long> finalElements(History history) {
        Operation finalRead = FinalRead.last(history, "read");
        if (finalRead == null) {
            return null;
        }
        Set<Long> present = new HashSet<>();
        for (JsonNode element : finalRead.completionValue()) {
            present.add(element.asLong());
        }
        return present;
    }

    @Override
    public String summarize(WorkloadSettings settings, History history, CheckResult result) {
        Set<Long> present = finalElements(history);
        if (present == null) {
            return "no final read";
        }
        int acknowledged = 0;
        int lost = 0;
        int uncertainPresent = 0;
        int uncertain = 0;
        for (Operation op : history.operations()) {
            if (!op.f().equals("add")) {
                continue;
            }
            boolean there = present.contains(op.invokeValue().asLong());
            if (op.isOk()) {
                acknowledged++;
                lost += there ? 0 : 1;
            } else if (op.isInfo()) {
                uncertain++;
                uncertainPresent += there ? 1 : 0;
            }
        }
        String tail = uncertain == 0 ? "" : "; " + uncertainPresent + " of " + uncertain + " unknown adds present";
        if (lost > 0) {
            return "lost " + lost + " of " + acknowledged + " acknowledged adds" + tail;
        }
        return "all " + acknowledged + " acknowledged adds present" + tail;
    }
}
