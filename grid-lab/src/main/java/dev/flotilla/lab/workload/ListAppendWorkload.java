package dev.flotilla.lab.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Elle's list-append: each request ({@code txn}) is one product map transaction of 1 to 4 micro-ops,
 * {@code ["append", key, element]} or {@code ["r", key, list-or-null]}, half of each (a key appended at most once
 * per txn, as the product allows), on keys {@code k0..k(n-1)};
 * the {@code list-append} checker infers the version order of each key from the lists read and looks for
 * dependency cycles (G0, G1c, G-single, G2, ...).
 *
 * <p>Elements are unique over the whole history without coordination: worker {@code w}'s {@code i}-th append
 * writes {@code i * MAX_WORKERS + w}. Keys are not retired: lists grow with the run (a 40 s run keeps them to a few
 * hundred elements each), which keeps every worker on the same small key set.
 */
final class ListAppendWorkload implements Workload {
    /** Micro-ops appended as {@code ["append", key, element]}. */
    static final String APPEND = "append";
    /** Micro-ops read as {@code ["r", key, list-or-null]}. */
    static final String READ = "r";
    static final String TXN = "txn";
    private static final int MAX_WORKERS = 1024;
    private static final int MAX_MICRO_OPS = 4;
    private static final Duration CHECK_BUDGET = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public String model() {
        return "list-append";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        if (worker >= MAX_WORKERS) {
            throw new IllegalArgumentException("list-append runs at most " + MAX_WORKERS + " workers, asked for worker " + worker);
        }
        List<String> keys = keys(settings);
        Random random = Seeds.random(seed, worker);
        long[] appended = {0};
        return () -> {
            int size = 1 + random.nextInt(MAX_MICRO_OPS);
            List<List<Object>> microOps = new ArrayList<>(size);
            Set<String> written = new HashSet<>();
            for (int i = 0; i < size; i++) {
                String key = keys.get(random.nextInt(keys.size()));
                // The product writes a key at most once per transaction: a second append of a key becomes a read.
                boolean append = random.nextBoolean() && written.add(key);
                microOps.add(append
                        ? Arrays.asList(APPEND, key, appended[0]++ * MAX_WORKERS + worker)
                        : Arrays.asList(READ, key, null));
            }
            return new Request(TXN, null, microOps);
        };
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        String map = map(settings);
        return request -> {
            if (!request.f().equals(TXN)) {
                throw new IllegalArgumentException("list-append has no operation " + request.f());
            }
            @SuppressWarnings("unchecked")
            List<List<Object>> microOps = (List<List<Object>>) request.value();
            List<TxOperation> operations = microOps.stream().map(m -> m.get(0).equals(APPEND)
                    ? TxOperation.append(map, (String) m.get(1), m.get(2).toString())
                    : TxOperation.get(map, (String) m.get(1))).toList();
            // A definite failure (thrown) is recorded as fail, anything else thrown as info.
            List<String> results = target.transaction(operations);
            List<List<Object>> completed = new ArrayList<>(microOps.size());
            for (int i = 0; i < microOps.size(); i++) {
                List<Object> m = microOps.get(i);
                completed.add(m.get(0).equals(APPEND) ? m : Arrays.asList(READ, m.get(1), list(results.get(i))));
            }
            return Outcome.ok(completed);
        };
    }

    /** Reads every key, at most {@value TxOperation#MAX_OPERATIONS} per transaction. */
    @Override
    public List<Request> finalReads(WorkloadSettings settings) {
        List<String> keys = keys(settings);
        List<Request> reads = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += TxOperation.MAX_OPERATIONS) {
            reads.add(new Request(TXN, null, keys.subList(from, Math.min(keys.size(), from + TxOperation.MAX_OPERATIONS))
                    .stream().map(key -> Arrays.<Object>asList(READ, key, null)).toList()));
        }
        return reads;
    }

    @Override
    public Checker checker(WorkloadSettings settings) {
        return Checkers.listAppend(CHECK_BUDGET);
    }

    /** E.g. {@code 1,234 committed txns (56 failed, 7 unknown); G-single 2, G2 1}. */
    @Override
    public String summarize(WorkloadSettings settings, History history, CheckResult result) {
        long ok = 0;
        long failed = 0;
        long unknown = 0;
        for (Operation op : history.operations()) {
            if (op.isOk()) {
                ok++;
            } else if (op.type() == EventType.FAIL) {
                failed++;
            } else {
                unknown++;
            }
        }
        Map<String, Long> kinds = result.anomalies().stream()
                .collect(Collectors.groupingBy(Anomaly::kind, TreeMap::new, Collectors.counting()));
        String anomalies = kinds.isEmpty() ? "no anomalies" : kinds.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.format("%,d committed txns (%,d failed, %,d unknown); %s", ok, failed, unknown, anomalies);
    }

    static List<String> keys(WorkloadSettings settings) {
        if (settings.keys() < 1) {
            throw new IllegalArgumentException("list-append needs at least 1 key, was " + settings.keys());
        }
        return IntStream.range(0, settings.keys()).mapToObj(i -> "k" + i).toList();
    }

    static String map(WorkloadSettings settings) {
        return settings.namespace() + ".lists";
    }

    private static JsonNode list(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the grid answered a document that is not JSON: " + json, e);
        }
    }
}
