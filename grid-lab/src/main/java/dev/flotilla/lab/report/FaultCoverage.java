package dev.flotilla.lab.report;

import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.nemesis.Fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run's faults really covered: for each fault kind the spec asked for, how many windows started while the
 * clients ran, and for each such window how the operations invoked during it and after it (until the load stopped)
 * completed. A run passes for a fault only if the fault fired under load and the cluster acknowledged operations
 * after it: a run that stopped serving at the fault passes vacuously otherwise, because nothing was checked after it.
 *
 * @param nemesis       the spec's nemesis name ({@code none} asks for no fault)
 * @param kinds         the fault kinds that nemesis injects (restores such as restarts, replacement joins, heals
 *                      and merges are not faults of their own)
 * @param loadStopNanos when the clients stopped, on the run's clock
 * @param fired         per asked-for kind, the windows that started while the clients ran
 * @param windows       every window of an asked-for kind that started while the clients ran, in order
 * @param problems      why the run does not count as a pass for its fault (empty when it does)
 */
public record FaultCoverage(String nemesis, List<String> kinds, long loadStopNanos, Map<String, Integer> fired,
                            List<Window> windows, List<String> problems) {

    /** No nemesis, nothing to cover. */
    public static final FaultCoverage NONE = new FaultCoverage("none", List.of(), 0, Map.of(), List.of(), List.of());

    /** Copies. */
    public FaultCoverage {
        kinds = List.copyOf(kinds);
        fired = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fired));
        windows = List.copyOf(windows);
        problems = List.copyOf(problems);
    }

    /**
     * One fault window that fired under load, with the operations invoked during it ({@code [start, end)}, cut at
     * the load's stop) and after it (from its end until the load stopped).
     *
     * @param kind          the fault kind
     * @param startNanos    when it was injected
     * @param reportedNanos when the cluster reported it, or -1
     * @param endNanos      when the cluster was safe again
     * @param during        operations invoked inside the window while the clients ran
     * @param after         operations invoked after the window ended while the clients ran (all zero when it ended
     *                      after the load)
     */
    public record Window(String kind, long startNanos, long reportedNanos, long endNanos, Counts during,
                         Counts after) {

        /** Whether the window ended (the cluster was safe again) before the clients stopped. */
        public boolean endedUnderLoad(long loadStopNanos) {
            return endNanos < loadStopNanos;
        }
    }

    /**
     * Works out the coverage of a run.
     *
     * @param nemesis        the spec's nemesis name
     * @param kinds          the fault kinds it injects
     * @param faults         every window the fault log holds
     * @param events         the history's events (for operation times)
     * @param operations     the operations that ran under the clients (final reads excluded)
     * @param loadStopNanos  when the clients stopped, on the run's clock
     * @param intervalNanos  the spec's nemesis interval, for the note when nothing fired
     */
    public static FaultCoverage of(String nemesis, List<String> kinds, List<Fault> faults, List<Event> events,
                                   List<Operation> operations, long loadStopNanos, long intervalNanos) {
        if (nemesis.equals("none")) {
            return NONE;
        }
        Map<Long, Long> timeByIndex = timeByIndex(events);
        Map<String, Integer> fired = new LinkedHashMap<>();
        kinds.forEach(kind -> fired.put(kind, 0));
        List<Window> windows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Fault f : faults) {
            if (!kinds.contains(f.kind()) || f.startNanos() >= loadStopNanos) {
                continue;
            }
            fired.merge(f.kind(), 1, Integer::sum);
            long cut = Math.min(f.endNanos(), loadStopNanos);
            Counts during = count(operations, timeByIndex, f.startNanos(), cut);
            Counts after = count(operations, timeByIndex, f.endNanos(), loadStopNanos);
            Window w = new Window(f.kind(), f.startNanos(), f.reportedNanos(), f.endNanos(), during, after);
            windows.add(w);
            boolean ended = w.endedUnderLoad(loadStopNanos);
            long acknowledgedAfter = ended ? after.ok() : during.ok();
            if (acknowledgedAfter == 0) {
                problems.add("no acknowledged operation after the " + f.kind() + " at " + seconds(f.startNanos())
                        + " s" + (ended ? " (it ended at " + seconds(f.endNanos()) + " s)"
                        : " (it had not ended when the load stopped at " + seconds(loadStopNanos) + " s)"));
            }
        }
        if (windows.isEmpty()) {
            problems.add(0, "fault never fired: " + String.join("/", kinds) + " (interval " + seconds(intervalNanos)
                    + " s, load ran " + seconds(loadStopNanos) + " s)");
        }
        return new FaultCoverage(nemesis, kinds, loadStopNanos, fired, windows, problems);
    }

    /** Each event's time on the run's clock, by its index (operations name their events by index). */
    static Map<Long, Long> timeByIndex(List<Event> events) {
        Map<Long, Long> times = new HashMap<>();
        for (Event event : events) {
            times.put(event.index(), event.time());
        }
        return times;
    }

    /** Operations invoked in {@code [from, to)} on the run's clock, by how they completed. */
    private static Counts count(List<Operation> operations, Map<Long, Long> timeByIndex, long from, long to) {
        int invoked = 0;
        int ok = 0;
        int fail = 0;
        int info = 0;
        for (Operation op : operations) {
            long at = timeByIndex.getOrDefault(op.invokeIndex(), Long.MIN_VALUE);
            if (at < from || at >= to) {
                continue;
            }
            invoked++;
            if (op.isOk()) {
                ok++;
            } else if (op.isFail()) {
                fail++;
            } else {
                info++;
            }
        }
        return new Counts(invoked, ok, fail, info);
    }

    /** Whether a nemesis was asked for and none of its faults started while the clients ran. */
    public boolean neverFired() {
        return !nemesis.equals("none") && windows.isEmpty();
    }

    /** Whether the run counts as a pass for its fault, verdict aside: nothing to cover, or every window covered. */
    public boolean covered() {
        return problems.isEmpty();
    }

    /**
     * The nemesis with what fired under load: {@code kill x2}, {@code churn (join x1, crash x1)},
     * {@code kill (never fired)}, {@code none}.
     */
    public String label() {
        if (nemesis.equals("none")) {
            return "none";
        }
        if (neverFired()) {
            return nemesis + " (never fired)";
        }
        if (kinds.size() == 1) {
            return nemesis + " x" + windows.size();
        }
        List<String> parts = new ArrayList<>();
        fired.forEach((kind, n) -> {
            if (n > 0) {
                parts.add(kind + " x" + n);
            }
        });
        return nemesis + " (" + String.join(", ", parts) + ")";
    }

    /** The short reason a verdict is qualified: "fault never fired", "no ack after fault", or "" when covered. */
    public String shortProblem() {
        if (covered()) {
            return "";
        }
        return neverFired() ? "fault never fired" : "no acknowledged operation after a fault";
    }

    /** Windows that fired under load but whose effect (reported moment or end) came after the load stopped. */
    public List<String> effectsAfterLoad() {
        List<String> late = new ArrayList<>();
        for (Window w : windows) {
            if (!w.endedUnderLoad(loadStopNanos)) {
                late.add("the " + w.kind() + " at " + seconds(w.startNanos()) + " s fired under load, but "
                        + (w.reportedNanos() >= loadStopNanos ? "the cluster reported it at " + seconds(w.reportedNanos())
                        + " s and " : "") + "it ended at " + seconds(w.endNanos()) + " s, after the load stopped at "
                        + seconds(loadStopNanos) + " s");
            }
        }
        return late;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
