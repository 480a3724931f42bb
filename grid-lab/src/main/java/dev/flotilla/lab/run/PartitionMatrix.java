package dev.flotilla.lab.run;

import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.MergePolicy;
import dev.flotilla.grid.SplitBrainProtection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The partition matrix: guarantee mode x merge policy x split-brain protection under a real network partition of
 * three node processes (one node cut off for 20 s, the clients reaching both sides), repeated over trials.
 *
 * @param cells  the experiments, in table order
 * @param trials trials per cell
 */
public record PartitionMatrix(List<ExperimentSpec> cells, int trials) {

    /** Validates and copies. */
    public PartitionMatrix {
        cells = List.copyOf(cells);
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, was " + trials);
        }
    }

    /**
     * The standard cells: the set under every merge-relevant setting (put-if-absent, union, protection counting
     * members, protection counting recently active members), the register under {@code cp}, {@code cp-unsafe} and
     * {@code atomic-key} with latest-update, and the counter under {@code atomic-key}. {@code quick}: 15 s cuts.
     */
    public static PartitionMatrix standard(int trials, boolean quick) {
        Duration cut = Duration.ofSeconds(quick ? 15 : 20);
        SplitBrainProtection two = SplitBrainProtection.OFF.withMinSize(2);
        List<ExperimentSpec> cells = new ArrayList<>();
        cells.add(cell("set", "atomic-key", MapSettings.DEFAULT, cut).name("set-put-if-absent").build());
        cells.add(cell("set", "atomic-key", MapSettings.DEFAULT.withMergePolicy(MergePolicy.UNION), cut)
                .name("set-union").build());
        cells.add(cell("set", "atomic-key", MapSettings.DEFAULT.withSplitBrainProtection(two), cut)
                .name("set-quorum-member-count").build());
        cells.add(cell("set", "atomic-key", MapSettings.DEFAULT.withSplitBrainProtection(
                two.withFunction(SplitBrainProtection.Function.RECENTLY_ACTIVE)), cut)
                .name("set-quorum-recently-active").build());
        cells.add(cell("register", "cp", MapSettings.DEFAULT, cut).name("register-cp").build());
        cells.add(cell("register", "cp-unsafe", MapSettings.DEFAULT, cut).name("register-cp-unsafe").build());
        cells.add(cell("register", "atomic-key", MapSettings.DEFAULT.withMergePolicy(MergePolicy.LATEST_UPDATE), cut)
                .name("register-latest-update").build());
        cells.add(cell("counter", "atomic-key", MapSettings.DEFAULT, cut).name("counter-put-if-absent").build());
        return new PartitionMatrix(cells, trials);
    }

    private static ExperimentSpec.Builder cell(String workload, String mode, MapSettings map, Duration cut) {
        return ExperimentSpec.builder().workload(workload).mode(mode).nemesis("partition").partitionShape("isolate-one")
                .partitionFor(cut).cluster(ClusterKind.PROCESSES).members(3).map(map).clients(4).keys(3)
                .duration(cut.plusSeconds(10)).nemesisInterval(Duration.ofSeconds(5)).settleLimit(Duration.ofSeconds(40))
                .safeTimeout(Duration.ofSeconds(90)).seed(7);
    }
}
