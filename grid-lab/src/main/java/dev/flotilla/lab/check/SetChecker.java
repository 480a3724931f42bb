package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a set history: unique elements are added ({@code f=add}, value = element) and a final
 * {@code f=read} completes ok with an array of the elements present.
 *
 * <p>Against the last ok read: <b>lost</b> = ok adds that completed before the read was invoked
 * but are missing; <b>unexpected</b> = elements read that no add attempted; <b>failed-present</b> =
 * elements read whose every add failed (a fail surely did not happen); <b>duplicate</b> = an element
 * read twice. Info adds, and ok adds concurrent with the read, may be present or absent. No ok
 * read: UNKNOWN.
 */
final class SetChecker implements Checker {

    /** Lists longer than this are cut in messages; the count is always exact. */
    private static final int SHOWN = 20;

    @Override
    public CheckResult check(History history) {
        long startNanos = System.nanoTime();
        List<Operation> operations = history.operations();
        Map<JsonNode, List<Operation>> adds = new LinkedHashMap<>();
        Operation finalRead = null;
        for (Operation op : operations) {
            switch (op.f()) {
                case "add" -> adds.computeIfAbsent(CanonicalJson.of(op.invokeValue()), e -> new ArrayList<>()).add(op);
                case "read" -> {
                    if (op.isOk() && (finalRead == null || op.completeIndex() > finalRead.completeIndex())) {
                        finalRead = op;
                    }
                }
                default -> {
                    return CheckResult.unknown("unsupported", "set has no operation f=" + op.f() + " (invoke index "
                            + op.invokeIndex() + ")", operations.size(), startNanos);
                }
            }
        }
        if (finalRead == null) {
            return CheckResult.unknown("no-read", "no ok final read, so nothing can be said about lost adds",
                    operations.size(), startNanos);
        }
        JsonNode elements = finalRead.completionValue();
        if (!elements.isArray()) {
            return CheckResult.unknown("malformed", "final read value must be an array, got " + elements,
                    operations.size(), startNanos);
        }
        Set<JsonNode> present = new HashSet<>();
        List<JsonNode> duplicates = new ArrayList<>();
        for (JsonNode element : elements) {
            if (!present.add(CanonicalJson.of(element))) {
                duplicates.add(element);
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> failedPresent = new ArrayList<>();
        int acknowledged = 0;
        int uncertain = 0;
        int uncertainPresent = 0;
        Map<JsonNode, Boolean> seen = new HashMap<>();
        for (Map.Entry<JsonNode, List<Operation>> entry : adds.entrySet()) {
            JsonNode element = entry.getKey();
            boolean isPresent = present.contains(element);
            seen.put(element, isPresent);
            Operation definite = null;
            boolean anyNotFailed = false;
            for (Operation add : entry.getValue()) {
                anyNotFailed |= !add.isFail();
                if (add.isOk() && add.completeIndex() < finalRead.invokeIndex()) {
                    definite = add;
                }
            }
            if (definite != null) {
                acknowledged++;
                if (!isPresent) {
                    lost.add(element + " (process " + definite.process() + ", ok " + definite.completeIndex() + ")");
                }
            } else if (anyNotFailed) {
                uncertain++;
                uncertainPresent += isPresent ? 1 : 0;
            } else if (isPresent) {
                Operation add = entry.getValue().get(0);
                failedPresent.add(element + " (process " + add.process() + ", fail " + add.completeIndex() + ")");
            }
        }
        for (JsonNode element : present) {
            if (!seen.containsKey(element)) {
                unexpected.add(element.toString());
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        add(anomalies, "lost", lost, "acknowledged adds missing from the final read");
        add(anomalies, "unexpected", unexpected, "elements read that were never added");
        add(anomalies, "failed-present", failedPresent, "elements read whose add failed");
        add(anomalies, "duplicate", duplicates.stream().map(JsonNode::toString).toList(),
                "elements read more than once");
        String summary = "final read by process " + finalRead.process() + " (invoke " + finalRead.invokeIndex()
                + ", ok " + finalRead.completeIndex() + ") has " + present.size() + " elements; "
                + acknowledged + " acknowledged adds, " + lost.size() + " lost; " + uncertain
                + " info or concurrent adds, " + uncertainPresent + " of them present; " + unexpected.size()
                + " unexpected";
        Verdict verdict = anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        return new CheckResult(verdict, anomalies, anomalies.isEmpty() ? "" : summary, operations.size(),
                CheckResult.millisSince(startNanos));
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
        return "SetChecker";
    }
}
