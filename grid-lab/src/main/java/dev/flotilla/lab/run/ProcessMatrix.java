package dev.flotilla.lab.run;

import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.MergePolicy;
import dev.flotilla.grid.SplitBrainProtection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The process-mode matrix: the experiments the docs report, each on grid-server node processes driven through the
 * product's client, repeated over trials. Every row of the guarantee table that expects a loss has a cell that
 * aims at it: a node kill under {@code locked} and the transactional modes (the lock holder's node dies), two
 * kills at once with one backup, a pause longer than the failure detector (split brain and merge), the CP modes
 * losing a member, and the document API with and without idempotency keys. {@link #partitions} is the second
 * matrix on processes: network partitions, by mode, merge policy and split-brain protection.
 *
 * @param cells  the experiments, in table order
 * @param trials trials per cell
 */
public record ProcessMatrix(List<ExperimentSpec> cells, int trials) {

    /** Validates and copies. */
    public ProcessMatrix {
        cells = List.copyOf(cells);
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, was " + trials);
        }
    }

    /** The standard cells: 3 nodes, backup count 1, 4 clients, a fault every third of the run ({@code quick}: 12 s runs). */
    public static ProcessMatrix standard(int trials, boolean quick) {
        Duration duration = Duration.ofSeconds(quick ? 12 : 30);
        List<ExperimentSpec> cells = new ArrayList<>();
        cells.add(cell("documents", "atomic-key", "kill", duration).build());
        cells.add(cell("documents", "atomic-key", "kill", duration).idempotencyKeys(false)
                .name("documents-no-idempotency-keys-kill").build());
        cells.add(cell("documents", "atomic-key", "kill-two", duration).build());
        cells.add(cell("documents", "atomic-key", "pause", duration).build());
        cells.add(cell("set", "atomic-key", "kill", duration).build());
        cells.add(cell("set", "atomic-key", "kill-two", duration).build());
        cells.add(cell("set", "atomic-key", "pause", duration).build());
        cells.add(cell("set", "atomic-key", "join", duration).members(1).nemesisSizes(List.of(2, 3, 5))
                .nemesisInterval(duration.dividedBy(4)).build());
        cells.add(cell("set", "atomic-key", "leave", duration).build());
        cells.add(cell("counter", "unsafe", "kill", duration).build());
        cells.add(cell("counter", "atomic-key", "kill", duration).build());
        cells.add(cell("counter", "atomic-key", "kill-two", duration).build());
        cells.add(cell("counter", "cp", "kill", duration).build());
        cells.add(cell("counter", "cp", "kill-two", duration).build());
        cells.add(cell("counter", "cp-unsafe", "kill", duration).build());
        cells.add(cell("register", "cp", "kill", duration).build());
        cells.add(cell("register", "atomic-key", "pause", duration).build());
        cells.add(cell("bank", "atomic-key", "kill", duration).build());
        cells.add(cell("bank", "locked", "kill", duration).build());
        cells.add(cell("bank", "tx-one-phase", "kill", duration).build());
        cells.add(cell("bank", "tx-two-phase", "kill", duration).build());
        cells.add(cell("bank", "tx-two-phase", "pause", duration).build());
        return new ProcessMatrix(cells, trials);
    }

    private static ExperimentSpec.Builder cell(String workload, String mode, String nemesis, Duration duration) {
        return ExperimentSpec.builder().workload(workload).mode(mode).nemesis(nemesis)
                .cluster(ClusterKind.PROCESSES).members(3).map(MapSettings.DEFAULT).clients(4)
                .keys(workload.equals("bank") ? 5 : 3).duration(duration).nemesisInterval(duration.dividedBy(3))
                .pauseFor(Duration.ofSeconds(15)).settleLimit(Duration.ofSeconds(30))
                .safeTimeout(Duration.ofSeconds(90)).seed(7);
    }

    /**
     * The partition cells (mode x merge policy x split-brain protection), one node cut off for 20 s by
     * iptables, the clients reaching both sides: the set under every merge-relevant setting (put-if-absent, union, protection counting
     * members, protection counting recently active members), the register under {@code cp}, {@code cp-unsafe} and
     * {@code atomic-key} with latest-update, and the counter under {@code atomic-key}. {@code quick}: 15 s cuts.
     */
    public static ProcessMatrix partitions(int trials, boolean quick) {
        Duration cut = Duration.ofSeconds(quick ? 15 : 20);
        SplitBrainProtection two = SplitBrainProtection.OFF.withMinSize(2);
        List<ExperimentSpec> cells = new ArrayList<>();
        cells.add(partitionCell("set", "atomic-key", MapSettings.DEFAULT, cut).name("set-put-if-absent").build());
        cells.add(partitionCell("set", "atomic-key", MapSettings.DEFAULT.withMergePolicy(MergePolicy.UNION), cut)
                .name("set-union").build());
        cells.add(partitionCell("set", "atomic-key", MapSettings.DEFAULT.withSplitBrainProtection(two), cut)
                .name("set-quorum-member-count").build());
        cells.add(partitionCell("set", "atomic-key", MapSettings.DEFAULT.withSplitBrainProtection(
                two.withFunction(SplitBrainProtection.Function.RECENTLY_ACTIVE)), cut)
                .name("set-quorum-recently-active").build());
        cells.add(partitionCell("register", "cp", MapSettings.DEFAULT, cut).name("register-cp").build());
        cells.add(partitionCell("register", "cp-unsafe", MapSettings.DEFAULT, cut).name("register-cp-unsafe").build());
        cells.add(partitionCell("register", "atomic-key", MapSettings.DEFAULT.withMergePolicy(MergePolicy.LATEST_UPDATE), cut)
                .name("register-latest-update").build());
        cells.add(partitionCell("counter", "atomic-key", MapSettings.DEFAULT, cut).name("counter-put-if-absent").build());
        return new ProcessMatrix(cells, trials);
    }

    private static ExperimentSpec.Builder partitionCell(String workload, String mode, MapSettings map, Duration cut) {
        return ExperimentSpec.builder().workload(workload).mode(mode).nemesis("partition").partitionShape("isolate-one")
                .partitionFor(cut).cluster(ClusterKind.PROCESSES).members(3).map(map).clients(4).keys(3)
                .duration(cut.plusSeconds(10)).nemesisInterval(Duration.ofSeconds(5)).settleLimit(Duration.ofSeconds(40))
                .safeTimeout(Duration.ofSeconds(90)).seed(7);
    }
}
