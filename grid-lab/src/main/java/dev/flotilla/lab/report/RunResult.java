package dev.flotilla.lab.report;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.nemesis.Fault;

import java.util.List;
import java.util.Map;

/**
 * Everything a finished experiment reports: what was run, the checker's verdict, what the history shows, and the
 * series the charts draw. Written as {@code result.json}; rendered as {@code report.md} and {@code report.html}.
 *
 * @param name           the experiment's label
 * @param spec           the spec, as YAML-spelled keys and plain values
 * @param workload       workload name
 * @param mode           guarantee mode id
 * @param nemesis        nemesis name
 * @param seed           the seed (rerun with it to repeat the operation sequence and fault choices)
 * @param verdict        VALID, INVALID or UNKNOWN (never a pass)
 * @param anomalies      what the checker found wrong or could not decide
 * @param counterexample the checker's shortest explanation of the first violation ("" when none)
 * @param summary        one line in the workload's terms ("lost 12 of 900 acknowledged adds")
 * @param losses         when the lost acknowledged operations were acknowledged, relative to the faults (all zero
 *                       when nothing was lost or the workload cannot name lost operations)
 * @param counts         how operations completed
 * @param throughput     ok operations per second over the run
 * @param latency        latency percentiles over the run
 * @param runNanos       how long the clients ran
 * @param timeline       completions and latency per slice of the run
 * @param faults         fault windows, including the heal after the run
 * @param clusterSizes   member count over time
 * @param notes          what else went wrong or was decided (not safe in time, skipped phases, ...)
 * @param coverage       what the faults covered: windows fired under load per kind, and the operations
 *                       acknowledged during and after each
 */
public record RunResult(String name, Map<String, Object> spec, String workload, String mode, String nemesis,
                        long seed, Verdict verdict, List<Anomaly> anomalies, String counterexample, String summary,
                        LossTiming losses, Counts counts, double throughput, Latency latency, long runNanos, List<TimeBucket> timeline,
                        List<Fault> faults, List<SizeSample> clusterSizes, List<String> notes,
                        FaultCoverage coverage) {

    /** Copies the lists. */
    public RunResult {
        spec = spec == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spec));
        anomalies = List.copyOf(anomalies);
        counterexample = counterexample == null ? "" : counterexample;
        summary = summary == null ? "" : summary;
        losses = losses == null ? LossTiming.NOT_NAMED : losses;
        timeline = List.copyOf(timeline);
        faults = List.copyOf(faults);
        clusterSizes = List.copyOf(clusterSizes);
        notes = List.copyOf(notes);
        coverage = coverage == null ? FaultCoverage.NONE : coverage;
    }

    /**
     * The verdict as tables show it: {@code VALID}, {@code INVALID}, {@code UNKNOWN}, qualified when the run does not
     * cover its fault: {@code UNKNOWN: fault never fired}, {@code INVALID (fault never fired)}.
     */
    /** The nemesis with what fired under load ({@code kill x2}, {@code kill (never fired)}); the bare name when not known. */
    @JsonProperty("shownNemesis")
    public String shownNemesis() {
        return coverage.nemesis().equals(nemesis) ? coverage.label() : nemesis;
    }

    @JsonProperty("shownVerdict")
    public String shownVerdict() {
        String problem = coverage.shortProblem();
        if (problem.isEmpty() || verdict == Verdict.VALID) {
            return verdict.name();
        }
        return verdict == Verdict.UNKNOWN ? "UNKNOWN: " + problem : verdict + " (" + problem + ")";
    }
}
