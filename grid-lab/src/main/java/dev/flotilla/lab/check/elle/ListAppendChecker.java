package dev.flotilla.lab.check.elle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.check.elle.Transaction.MicroOp;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a list-append transaction history for Adya's isolation anomalies, the way Elle does: every read of a key
 * must be a prefix of its longest read, which gives each key's version order; unique elements name the transaction
 * that appended them, which gives write-write, write-read and read-write dependencies; a cycle of dependencies is an
 * anomaly (G0, G1c, G-single, G2), reported with a short cycle as the counterexample. Aborted (G1a) and intermediate
 * (G1b) reads, contradictions inside a transaction ({@code internal}), incompatible or duplicated reads and elements
 * nobody appended are found without cycles.
 *
 * <p>Operations have {@code f = "txn"} and a list of micro-operations {@code ["append", key, element]} and
 * {@code ["r", key, list-or-null]}. Only an ok transaction's reads are known; an info one is in the graph only through
 * its appends that some read shows; a failed one must never be seen. VALID means no anomaly was found (the history
 * is consistent with the isolation level as far as the observations go), UNKNOWN means no ok transaction, a
 * malformed history, or a budget that ran out before any anomaly was found.
 */
public final class ListAppendChecker implements Checker {

    /** At most this many anomalies of one kind are spelled out; the rest are counted. */
    static final int REPORTED_PER_KIND = 10;

    private final Consistency consistency;
    private final Duration budget;

    /** A checker for {@code consistency} whose cycle search stops after {@code budget}. */
    public ListAppendChecker(Consistency consistency, Duration budget) {
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        this.budget = Objects.requireNonNull(budget, "budget");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, was " + budget);
        }
    }

    @Override
    public CheckResult check(History history) {
        long startNanos = System.nanoTime();
        long deadline = startNanos + Math.min(budget.toNanos(), Long.MAX_VALUE / 4);
        List<Operation> operations = history.operations();
        List<Transaction> txns;
        try {
            txns = parse(operations);
        } catch (IllegalArgumentException e) {
            return unknown("malformed", e.getMessage(), operations.size(), startNanos);
        } catch (UnsupportedOperationException e) {
            return unknown("unsupported", e.getMessage(), operations.size(), startNanos);
        }
        if (txns.stream().noneMatch(t -> t.op().isOk())) {
            return unknown("empty", "no ok transaction to check", operations.size(), startNanos);
        }
        Findings findings = new Findings();
        Inference inference = new Inference(txns, findings);
        inference.run();
        DependencyGraph graph = inference.graph(consistency == Consistency.STRICT_SERIALIZABLE);
        CycleSearch search = new CycleSearch(graph, inference, findings, deadline,
                consistency == Consistency.STRICT_SERIALIZABLE);
        boolean finished = search.run();
        String summary = findings.summary() + "; " + search.components() + " strongly connected component"
                + (search.components() == 1 ? "" : "s") + " of " + txns.size() + " transactions";
        List<Anomaly> anomalies = findings.anomalies();
        Verdict verdict = anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        if (!finished) {
            anomalies = new ArrayList<>(anomalies);
            anomalies.add(new Anomaly("undecided", "the cycle search ran out of its " + budget.toMillis()
                    + " ms budget after " + search.components() + " components"));
            if (verdict == Verdict.VALID) {
                verdict = Verdict.UNKNOWN;
            }
        }
        String counterexample = findings.first() == null ? summary : summary + "\n" + findings.first();
        return new CheckResult(verdict, anomalies, verdict == Verdict.VALID ? "" : counterexample, operations.size(),
                millisSince(startNanos));
    }

    private static CheckResult unknown(String kind, String message, int operations, long startNanos) {
        return new CheckResult(Verdict.UNKNOWN, List.of(new Anomaly(kind, message)), "", operations,
                millisSince(startNanos));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static List<Transaction> parse(List<Operation> operations) {
        List<Transaction> txns = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            if (!op.f().equals("txn")) {
                throw new UnsupportedOperationException("list-append has no operation f=" + op.f()
                        + " (invoke index " + op.invokeIndex() + ")");
            }
            boolean completed = op.isOk() && !op.completionValue().isNull();
            JsonNode value = completed ? op.completionValue() : op.invokeValue();
            long line = completed ? op.completeIndex() : op.invokeIndex();
            if (!value.isArray()) {
                throw new IllegalArgumentException("txn value at index " + line + " must be a list of micro-ops, got "
                        + value);
            }
            List<MicroOp> mops = new ArrayList<>(value.size());
            for (JsonNode mop : value) {
                mops.add(microOp(mop, completed, line));
            }
            txns.add(new Transaction(txns.size(), op, List.copyOf(mops), completed));
        }
        return txns;
    }

    private static MicroOp microOp(JsonNode mop, boolean readsKnown, long line) {
        if (!mop.isArray() || mop.size() != 3 || !mop.get(0).isTextual()) {
            throw new IllegalArgumentException("micro-op at index " + line + " must be [f, key, value], got " + mop);
        }
        JsonNode keyNode = mop.get(1);
        if (!keyNode.isTextual() && !keyNode.isIntegralNumber()) {
            throw new IllegalArgumentException("key at index " + line + " must be a string or an integer, got "
                    + keyNode);
        }
        String key = keyNode.asText();
        JsonNode argument = mop.get(2);
        switch (mop.get(0).asText()) {
            case "append" -> {
                return new MicroOp(true, key, element(argument, line), null);
            }
            case "r" -> {
                if (!readsKnown) {
                    return new MicroOp(false, key, 0, null);
                }
                if (argument.isNull()) {
                    return new MicroOp(false, key, 0, new long[0]);
                }
                if (!argument.isArray()) {
                    throw new IllegalArgumentException("read of " + key + " at index " + line
                            + " must be a list or null, got " + argument);
                }
                long[] read = new long[argument.size()];
                for (int i = 0; i < read.length; i++) {
                    read[i] = element(argument.get(i), line);
                }
                return new MicroOp(false, key, 0, read);
            }
            default -> throw new UnsupportedOperationException("list-append has no micro-op " + mop.get(0)
                    + " (index " + line + ")");
        }
    }

    private static long element(JsonNode node, long line) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("element at index " + line + " must be an integer, got " + node);
        }
        return node.longValue();
    }

    @Override
    public String toString() {
        return "ListAppendChecker[" + consistency + "]";
    }

    /** The anomalies found so far, by kind, each kind capped at {@link #REPORTED_PER_KIND} messages. */
    static final class Findings {
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final List<Anomaly> reported = new ArrayList<>();
        private String first;

        void add(String kind, String message) {
            int count = counts.merge(kind, 1, Integer::sum);
            if (count <= REPORTED_PER_KIND) {
                reported.add(new Anomaly(kind, message));
            }
            if (first == null) {
                first = kind + ": " + message;
            }
        }

        int count(String kind) {
            return counts.getOrDefault(kind, 0);
        }

        List<Anomaly> anomalies() {
            return reported;
        }

        String first() {
            return first;
        }

        String summary() {
            if (counts.isEmpty()) {
                return "no anomaly";
            }
            StringBuilder text = new StringBuilder();
            counts.forEach((kind, count) -> text.append(text.length() == 0 ? "" : ", ").append(kind).append(" x")
                    .append(count));
            return text.toString();
        }
    }

    /**
     * Version orders and dependencies. Per key: who appended each element, the longest read (the version order) and
     * whether the key is trustworthy; a key with a duplicated append or element, or two incompatible reads, has no
     * single version order and gives no dependency edges.
     */
    static final class Inference {
        private final List<Transaction> txns;
        private final Findings findings;
        private final Map<String, KeyState> keys = new LinkedHashMap<>();
        private final List<KeyState> keysById = new ArrayList<>();

        Inference(List<Transaction> txns, Findings findings) {
            this.txns = txns;
            this.findings = findings;
        }

        Transaction txn(int id) {
            return txns.get(id);
        }

        KeyState key(int id) {
            return keysById.get(id);
        }

        private KeyState state(String key) {
            return keys.computeIfAbsent(key, k -> {
                KeyState state = new KeyState(keysById.size(), k);
                keysById.add(state);
                return state;
            });
        }

        void run() {
            for (Transaction txn : txns) {
                for (MicroOp mop : txn.mops()) {
                    if (mop.append()) {
                        KeyState key = state(mop.key());
                        Integer earlier = key.appender.putIfAbsent(mop.element(), txn.id());
                        if (earlier != null) {
                            key.broken = true;
                            findings.add("duplicate-append", txn.describe() + " appended " + mop.element() + " to "
                                    + mop.key() + ", which " + txns.get(earlier).describe() + " appended already");
                        }
                    }
                }
            }
            for (Transaction txn : txns) {
                if (txn.readsKnown()) {
                    checkInternal(txn);
                    for (MicroOp mop : txn.mops()) {
                        if (!mop.append()) {
                            observe(txn, mop);
                        }
                    }
                }
            }
            for (Transaction txn : txns) {
                if (txn.readsKnown()) {
                    for (MicroOp mop : txn.mops()) {
                        if (!mop.append()) {
                            checkOrder(txn, mop);
                        }
                    }
                }
            }
        }

        /** A read must show what the transaction itself read and appended of that key before. */
        private void checkInternal(Transaction txn) {
            Map<String, List<Long>> expected = new HashMap<>(); // a full list after a read
            Map<String, List<Long>> ownSuffix = new HashMap<>(); // own appends when nothing was read before
            for (MicroOp mop : txn.mops()) {
                if (mop.append()) {
                    List<Long> full = expected.get(mop.key());
                    (full != null ? full : ownSuffix.computeIfAbsent(mop.key(), k -> new ArrayList<>()))
                            .add(mop.element());
                    continue;
                }
                long[] read = mop.read();
                List<Long> full = expected.get(mop.key());
                List<Long> suffix = ownSuffix.getOrDefault(mop.key(), List.of());
                String problem = null;
                if (full != null && !equal(read, full)) {
                    problem = "expected " + full.toString().replace(",", "");
                } else if (full == null && !endsWith(read, suffix)) {
                    problem = "expected it to end with its own appends " + suffix.toString().replace(",", "");
                }
                if (problem != null) {
                    findings.add("internal", txn.describe() + " read " + mop.key() + " = "
                            + Transaction.list(read) + " but " + problem);
                }
                List<Long> now = new ArrayList<>(read.length + 4);
                for (long element : read) {
                    now.add(element);
                }
                expected.put(mop.key(), now);
                ownSuffix.remove(mop.key());
            }
        }

        private static boolean equal(long[] read, List<Long> list) {
            if (read.length != list.size()) {
                return false;
            }
            for (int i = 0; i < read.length; i++) {
                if (read[i] != list.get(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean endsWith(long[] read, List<Long> suffix) {
            if (read.length < suffix.size()) {
                return false;
            }
            int offset = read.length - suffix.size();
            for (int i = 0; i < suffix.size(); i++) {
                if (read[offset + i] != suffix.get(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Per element read: who appended it; per read: duplicates, and the longest read of the key. */
        private void observe(Transaction reader, MicroOp mop) {
            KeyState key = state(mop.key());
            long[] read = mop.read();
            if (key.longest == null || read.length > key.longest.length) {
                key.longest = read;
                key.longestReader = reader.id();
            }
            Set<Long> seen = read.length > 1 ? new HashSet<>(read.length * 2) : null;
            for (long element : read) {
                if (seen != null && !seen.add(element)) {
                    key.broken = true;
                    findings.add("duplicate-elements", reader.describe() + " read " + mop.key() + " = "
                            + Transaction.list(read) + " with " + element + " more than once");
                }
                Integer writer = key.appender.get(element);
                if (writer == null) {
                    findings.add("unexpected-element", reader.describe() + " read " + element + " in " + mop.key()
                            + ", which no transaction appended");
                } else if (txns.get(writer).op().isFail()) {
                    findings.add("G1a", reader.describe() + " read " + element + " in " + mop.key()
                            + ", appended by the failed " + txns.get(writer).describe());
                }
            }
            if (read.length > 0) {
                long last = read[read.length - 1];
                Integer writer = key.appender.get(last);
                if (writer != null && writer != reader.id() && !txns.get(writer).op().isFail()) {
                    Long final_ = txns.get(writer).lastAppend(mop.key());
                    if (final_ != null && final_ != last) {
                        findings.add("G1b", reader.describe() + " read " + mop.key() + " = " + Transaction.list(read)
                                + ", ending in " + last + ", an intermediate append of " + txns.get(writer).describe()
                                + " whose last append to " + mop.key() + " was " + final_);
                    }
                }
            }
        }

        /** Every read of a key must be a prefix of its longest read. */
        private void checkOrder(Transaction reader, MicroOp mop) {
            KeyState key = keys.get(mop.key());
            long[] read = mop.read();
            long[] longest = key.longest;
            for (int i = 0; i < read.length; i++) {
                if (read[i] != longest[i]) {
                    key.broken = true;
                    findings.add("incompatible-order", reader.describe() + " read " + mop.key() + " = "
                            + around(read, i) + " but " + txns.get(key.longestReader).describe()
                            + " read " + around(longest, i) + ": they differ at position " + i
                            + ", so neither is a prefix of the other");
                    return;
                }
            }
        }

        /** Builds the dependency graph (with real-time edges when asked). */
        DependencyGraph graph(boolean realtime) {
            DependencyGraph graph = new DependencyGraph(txns.size());
            for (KeyState key : keysById) {
                if (key.broken || key.longest == null) {
                    continue;
                }
                long[] order = key.longest;
                for (int i = 0; i + 1 < order.length; i++) {
                    int a = writer(key, order[i]);
                    int b = writer(key, order[i + 1]);
                    if (a >= 0 && b >= 0) {
                        graph.add(a, b, DependencyGraph.WW, key.id);
                    }
                }
            }
            for (Transaction txn : txns) {
                if (!txn.readsKnown()) {
                    continue;
                }
                Set<String> done = new HashSet<>();
                for (MicroOp mop : txn.mops()) {
                    if (!done.add(mop.key())) {
                        continue;
                    }
                    MicroOp read = txn.externalRead(mop.key());
                    KeyState key = keys.get(mop.key());
                    if (read == null || key.broken) {
                        continue;
                    }
                    long[] seen = read.read();
                    if (seen.length > 0) {
                        int writer = writer(key, seen[seen.length - 1]);
                        if (writer >= 0) {
                            graph.add(writer, txn.id(), DependencyGraph.WR, key.id);
                        }
                    }
                    if (seen.length < key.longest.length) {
                        int next = writer(key, key.longest[seen.length]);
                        if (next >= 0) {
                            graph.add(txn.id(), next, DependencyGraph.RW, key.id);
                        }
                    }
                }
            }
            if (realtime) {
                addRealtimeEdges(graph);
            }
            graph.freeze();
            return graph;
        }

        /** The transaction that appended the element, or -1 when none did or it failed (G1a reports that). */
        private int writer(KeyState key, long element) {
            Integer writer = key.appender.get(element);
            return writer == null || txns.get(writer).op().isFail() ? -1 : writer;
        }

        /**
         * Adds T1 -rt-> T2 when ok T1 completed before T2 was invoked, transitively reduced: the frontier holds the
         * ok transactions no later-completed transaction already follows, so a busy history adds edges in
         * proportion to its concurrency, not quadratically.
         */
        private void addRealtimeEdges(DependencyGraph graph) {
            long[] events = new long[txns.size() * 2];
            int count = 0;
            for (Transaction txn : txns) {
                if (txn.op().isFail()) {
                    continue;
                }
                events[count++] = txn.op().invokeIndex() << 21 | (long) txn.id() << 1;
                if (txn.op().isOk()) {
                    events[count++] = txn.op().completeIndex() << 21 | (long) txn.id() << 1 | 1;
                }
            }
            if (txns.size() >= 1 << 20) {
                throw new IllegalArgumentException("strict serializability supports at most " + (1 << 20)
                        + " transactions");
            }
            Arrays.sort(events, 0, count);
            Set<Integer> frontier = new LinkedHashSet<>();
            int[][] before = new int[txns.size()][];
            for (int i = 0; i < count; i++) {
                int id = (int) ((events[i] >>> 1) & ((1 << 20) - 1));
                if ((events[i] & 1) == 0) {
                    before[id] = frontier.stream().mapToInt(Integer::intValue).toArray();
                    for (int predecessor : before[id]) {
                        graph.add(predecessor, id, DependencyGraph.RT, -1);
                    }
                } else {
                    for (int predecessor : before[id]) {
                        frontier.remove(predecessor);
                    }
                    before[id] = null;
                    frontier.add(id);
                }
            }
        }
    }

    /** What is known of one key. */
    static final class KeyState {
        final int id;
        final String name;
        final Map<Long, Integer> appender = new HashMap<>();
        long[] longest;
        int longestReader;
        boolean broken;

        KeyState(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** The elements of a read up to and just past {@code position}, with the earlier ones elided: reads grow long. */
    private static String around(long[] read, int position) {
        int from = Math.max(0, position - 2);
        int to = Math.min(read.length, position + 2);
        StringBuilder text = new StringBuilder("[");
        if (from > 0) {
            text.append(".. ");
        }
        for (int i = from; i < to; i++) {
            text.append(i > from ? " " : "").append(read[i]);
        }
        return text.append(to < read.length ? " ..]" : "]").toString();
    }
}
