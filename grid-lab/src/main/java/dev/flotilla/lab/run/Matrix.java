package dev.flotilla.lab.run;

import dev.flotilla.lab.report.MatrixCell;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.report.SizeSample;
import dev.flotilla.lab.workload.Workloads;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The standard verdict matrix: every mode of every workload against scale-out ({@code join}), graceful leave
 * ({@code leave}) and {@code crash}, in short runs.
 *
 * <p>Cluster shapes (the cells that would not apply as such are adapted, not skipped): map modes and
 * {@code cp-unsafe} scale out 1 -> 2 -> 3 -> 5 ({@code --quick}: 1 -> 2 -> 3) and meet leave and crash at 3
 * members; {@code cp} needs 3 CP members before it can serve anything, so it scales out 3 -> 4 -> 5 and meets
 * leave and crash at 3 members, all of them CP members. {@code cp-unsafe} always runs with CP member count 0.
 * Every fault hits a member other than the first, which hosts the clients.
 *
 * @param quick    shorter runs and a shorter scale-out
 * @param workloads workloads to include (all by default)
 * @param modes    modes to include (all by default)
 * @param scenarios scenarios to include (join, leave, crash by default)
 * @param seed     the seed of every cell
 */
public record Matrix(boolean quick, List<String> workloads, List<String> modes, List<String> scenarios, long seed) {
    /** The scenarios of the standard matrix. */
    public static final List<String> SCENARIOS = List.of("join", "leave", "crash");

    /** Validates and copies the lists. */
    public Matrix {
        workloads = List.copyOf(workloads);
        modes = List.copyOf(modes);
        scenarios = List.copyOf(scenarios);
        workloads.forEach(Workloads::byName);
        for (String mode : modes) {
            if (!ExperimentSpec.MODES.contains(mode)) {
                throw new IllegalArgumentException("unknown mode \"" + mode + "\"; known: " + ExperimentSpec.MODES);
            }
        }
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario \"" + scenario + "\"; known: " + SCENARIOS);
            }
        }
    }

    /** The full standard matrix (or its quick version). */
    public static Matrix standard(boolean quick) {
        return new Matrix(quick, Workloads.names(), ExperimentSpec.MODES, SCENARIOS, 7);
    }

    /** The spec of one cell. */
    public ExperimentSpec spec(String workload, String mode, String scenario) {
        boolean cp = mode.equals("cp");
        Duration duration = Duration.ofMillis(quick ? 2500 : 4000);
        ExperimentSpec.Builder b = ExperimentSpec.builder()
                .name(workload + "-" + mode + "-" + scenario)
                .workload(workload)
                .mode(mode)
                .nemesis(scenario)
                .duration(duration)
                .clients(4)
                .keys(workload.equals("bank") ? 5 : 3)
                .seed(seed)
                .settleLimit(Duration.ofSeconds(20))
                .safeTimeout(Duration.ofSeconds(30));
        if (scenario.equals("join")) {
            List<Integer> sizes = cp ? List.of(4, 5) : quick ? List.of(2, 3) : List.of(2, 3, 5);
            b.members(cp ? 3 : 1).nemesisSizes(sizes)
                    .nemesisInterval(duration.dividedBy(sizes.size() + 1));
        } else {
            // One fault in the middle of the run, then a replacement joins.
            b.members(3).nemesisInterval(duration.dividedBy(2));
        }
        return b.build();
    }

    /**
     * What a cell's cluster went through, from the run itself rather than the plan: the sizes it reached while
     * the clients ran and those it reached only afterwards ("1 -> 2 -> 3 (5 after load) members"), then, for a
     * fault scenario, what fired under load ("3 -> 2 -> 3 members, crash x1", "3 members, crash (never fired)").
     */
    public static String setup(ExperimentSpec spec, RunResult result) {
        String cp = spec.cpMembers() > 0 ? ", " + spec.cpMembers() + " CP" : "";
        String sizes = sizesReached(result.clusterSizes(), result.coverage().loadStopNanos()) + " members" + cp;
        return spec.nemesis().name().equals("join") ? sizes : sizes + ", " + result.shownNemesis();
    }

    /**
     * The member counts a run went through, consecutive repeats merged: "3 -> 2 -> 3", or "1 -> 2 -> 3 (5 after
     * load)" when the cluster changed only after the clients stopped at {@code loadStopNanos}.
     */
    static String sizesReached(List<SizeSample> samples, long loadStopNanos) {
        List<Integer> underLoad = new ArrayList<>();
        List<Integer> afterLoad = new ArrayList<>();
        for (SizeSample sample : samples) {
            boolean during = sample.nanos() < loadStopNanos;
            List<Integer> into = during ? underLoad : afterLoad;
            Integer last = !into.isEmpty() ? into.get(into.size() - 1)
                    : !during && !underLoad.isEmpty() ? underLoad.get(underLoad.size() - 1) : null;
            if (last == null || last != sample.members()) {
                into.add(sample.members());
            }
        }
        String during = underLoad.stream().map(String::valueOf).collect(Collectors.joining(" -> "));
        if (afterLoad.isEmpty()) {
            return during;
        }
        return during + " (" + afterLoad.stream().map(String::valueOf).collect(Collectors.joining(" -> "))
                + " after load)";
    }

    /** Runs every cell one after another, each into {@code dir/<cell name>/}; returns the cells in order. */
    public List<MatrixCell> run(Path dir, ProgressListener listener) throws IOException {
        List<MatrixCell> cells = new ArrayList<>();
        for (String workload : workloads) {
            for (String mode : modes) {
                for (String scenario : scenarios) {
                    ExperimentSpec spec = spec(workload, mode, scenario);
                    RunResult result = ExperimentRunner.run(spec, dir.resolve(spec.name()), listener);
                    cells.add(new MatrixCell(workload, mode, scenario, setup(spec, result), Optional.of(result), ""));
                }
            }
        }
        return cells;
    }
}
