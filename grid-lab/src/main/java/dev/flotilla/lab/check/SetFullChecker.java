package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a set history with reads throughout the run (Jepsen's set-full): unique elements are added
 * ({@code f=add}, value = element) and any number of {@code f=read} complete ok with an array of the elements
 * present. Real-time order is line order; {@code time} is ignored.
 *
 * <p>Each element attempted by an add is classified against the ok reads, ordered by invoke index:
 * <b>ok</b> = every read that began after its add was acknowledged shows it; <b>stale</b> = such a read missed it
 * but a later read shows it; <b>lost</b> = acknowledged (or seen by a read) and missing from the last read and every
 * read after its last sighting that began after the acknowledgement (or sighting) completed; <b>never-read</b> =
 * acknowledged, but no read began after that (not a pass for the element, only counted). Stale and lost are
 * violations. Also INVALID: <b>unexpected</b> = an element never attempted, or read by a read that completed
 * before any add of it was invoked; <b>failed-present</b> = read although every add of it failed; <b>duplicate</b>
 * = twice in one read. Info adds and adds concurrent with a read may be present or absent.
 *
 * <p>Linear in the total size of the reads: every read is scanned once, each element keeps a few indexes.
 */
final class SetFullChecker implements Checker {

    /** Lists longer than this are cut in messages; the count is always exact. */
    private static final int SHOWN = 20;

    /** What is known about one element; read positions are indexes into the reads ordered by invoke index. */
    private static final class Element {
        final JsonNode value;
        long firstInvoke = Long.MAX_VALUE;
        long firstOk = Long.MAX_VALUE;
        boolean anyNotFailed;
        /** The first read that began after {@link #firstOk}; reads before it may miss the element. */
        int mustSeeFrom = Integer.MAX_VALUE;
        int firstSeen = -1;
        int lastSeen = -1;
        /** The last read that missed the element although it had to see it, before a later sighting. */
        int staleMiss = -1;

        Element(JsonNode value) {
            this.value = value;
        }
    }

    @Override
    public CheckResult check(History history) {
        long startNanos = System.nanoTime();
        List<Operation> operations = history.operations();
        Map<JsonNode, Element> elements = new LinkedHashMap<>();
        List<Operation> reads = new ArrayList<>();
        boolean anyOk = false;
        for (Operation op : operations) {
            anyOk |= op.isOk();
            switch (op.f()) {
                case "add" -> {
                    Element element = elements.computeIfAbsent(CanonicalJson.of(op.invokeValue()), Element::new);
                    element.firstInvoke = Math.min(element.firstInvoke, op.invokeIndex());
                    element.anyNotFailed |= !op.isFail();
                    if (op.isOk()) {
                        element.firstOk = Math.min(element.firstOk, op.completeIndex());
                    }
                }
                case "read" -> {
                    if (op.isOk()) {
                        if (!op.completionValue().isArray()) {
                            return CheckResult.unknown("malformed", "read value must be an array, got "
                                    + op.completionValue() + " (invoke index " + op.invokeIndex() + ")",
                                    operations.size(), startNanos);
                        }
                        reads.add(op);
                    }
                }
                default -> {
                    return CheckResult.unknown("unsupported", "set has no operation f=" + op.f() + " (invoke index "
                            + op.invokeIndex() + ")", operations.size(), startNanos);
                }
            }
        }
        if (!anyOk) {
            return CheckResult.unknown("nothing-acknowledged", "no operation completed ok, so nothing can be checked",
                    operations.size(), startNanos);
        }
        if (reads.isEmpty()) {
            return CheckResult.unknown("no-read", "no ok read, so nothing can be said about lost adds",
                    operations.size(), startNanos);
        }
        reads.sort(Comparator.comparingLong(Operation::invokeIndex));
        long[] readInvokes = reads.stream().mapToLong(Operation::invokeIndex).toArray();
        for (Element element : elements.values()) {
            if (element.firstOk != Long.MAX_VALUE) {
                element.mustSeeFrom = firstAfter(readInvokes, element.firstOk);
            }
        }

        List<String> unexpected = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        Map<JsonNode, Element> neverAttempted = new HashMap<>();
        for (int position = 0; position < reads.size(); position++) {
            Operation read = reads.get(position);
            Set<JsonNode> inThisRead = new HashSet<>();
            for (JsonNode raw : read.completionValue()) {
                JsonNode value = CanonicalJson.of(raw);
                if (!inThisRead.add(value)) {
                    duplicates.add(value + " (read " + read.invokeIndex() + ")");
                    continue;
                }
                Element element = elements.get(value);
                if (element == null) {
                    if (neverAttempted.put(value, new Element(value)) == null) {
                        unexpected.add(value + " never added (read " + read.invokeIndex() + ")");
                    }
                    continue;
                }
                if (read.completeIndex() < element.firstInvoke) {
                    unexpected.add(value + " read before its add was invoked (read " + read.invokeIndex()
                            + ", ok " + read.completeIndex() + "; add invoked " + element.firstInvoke + ")");
                }
                int previous = element.lastSeen;
                if (previous < position - 1 && position - 1 >= element.mustSeeFrom) {
                    element.staleMiss = position - 1;
                }
                if (element.firstSeen < 0) {
                    element.firstSeen = position;
                }
                element.lastSeen = position;
            }
        }

        int last = reads.size() - 1;
        Operation lastRead = reads.get(last);
        List<String> lost = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> failedPresent = new ArrayList<>();
        int ok = 0;
        int neverRead = 0;
        int uncertain = 0;
        for (Element element : elements.values()) {
            boolean acknowledged = element.firstOk != Long.MAX_VALUE;
            if (!element.anyNotFailed) {
                if (element.firstSeen >= 0) {
                    failedPresent.add(element.value + " (every add failed; read " + invoke(reads, element.firstSeen)
                            + ")");
                }
                continue;
            }
            boolean missingAtEnd = element.lastSeen < last;
            boolean mustSeeAtEnd = acknowledged && element.mustSeeFrom <= last
                    || element.lastSeen >= 0 && reads.get(element.lastSeen).completeIndex() < lastRead.invokeIndex();
            if (missingAtEnd && mustSeeAtEnd) {
                lost.add(element.value + " (" + describe(element, reads) + "; missing from read "
                        + lastRead.invokeIndex() + ")");
            } else if (element.staleMiss >= 0) {
                stale.add(element.value + " (" + describe(element, reads) + "; missed by read "
                        + invoke(reads, element.staleMiss) + ")");
            } else if (acknowledged && element.mustSeeFrom > last) {
                neverRead++;
            } else if (acknowledged) {
                ok++;
            } else {
                uncertain++;
            }
        }

        List<Anomaly> anomalies = new ArrayList<>();
        add(anomalies, "lost", lost, "elements missing from every later read");
        add(anomalies, "stale", stale, "elements missed by a read that began after they were acknowledged");
        add(anomalies, "unexpected", unexpected, "elements read that no add could have written");
        add(anomalies, "failed-present", failedPresent, "elements read whose every add failed");
        add(anomalies, "duplicate", duplicates, "elements read twice by one read");
        String summary = reads.size() + " ok reads, " + elements.size() + " elements attempted: " + ok + " ok, "
                + stale.size() + " stale, " + lost.size() + " lost, " + neverRead + " never-read, " + uncertain
                + " info or failed-and-unseen";
        Verdict verdict;
        if (!anomalies.isEmpty()) {
            verdict = Verdict.INVALID;
        } else if (ok == 0 && neverRead > 0) {
            anomalies.add(new Anomaly("never-read", neverRead + " acknowledged elements and no read began after"
                    + " any of them was acknowledged"));
            verdict = Verdict.UNKNOWN;
        } else {
            verdict = Verdict.VALID;
        }
        return new CheckResult(verdict, anomalies, summary, operations.size(), CheckResult.millisSince(startNanos));
    }

    /** The first position whose read was invoked after {@code index}, or {@code invokes.length}. */
    private static int firstAfter(long[] invokes, long index) {
        int low = 0;
        int high = invokes.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (invokes[middle] > index) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static long invoke(List<Operation> reads, int position) {
        return reads.get(position).invokeIndex();
    }

    private static String describe(Element element, List<Operation> reads) {
        return "add invoked " + element.firstInvoke
                + (element.firstOk == Long.MAX_VALUE ? ", never acknowledged" : ", ok " + element.firstOk)
                + (element.firstSeen < 0 ? ", never read"
                : ", first read " + invoke(reads, element.firstSeen) + ", last read " + invoke(reads, element.lastSeen));
    }

    private static void add(List<Anomaly> anomalies, String kind, List<String> items, String what) {
        if (items.isEmpty()) {
            return;
        }
        String shown = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        anomalies.add(new Anomaly(kind, items.size() + " " + what + ": " + shown
                + (items.size() > SHOWN ? ", ..." : "")));
    }

    @Override
    public String toString() {
        return "SetFullChecker";
    }
}
