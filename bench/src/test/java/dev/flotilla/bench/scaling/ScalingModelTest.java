package dev.flotilla.bench.scaling;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScalingModelTest {
    // get 100 µs, put 200 µs, hops 50/80 µs, backup 40 µs, client 60 µs; 75% reads, one backup, 2 cores per machine.
    private final ScalingModel model = new ScalingModel(100, 200, 50, 80, 40, 60, 0.75, 1, 2, 300, 120, 150, 200);

    @Test
    void hopShare_withoutOwnerAwareRouting_isAllButOneNth() {
        assertThat(ScalingModel.hopShare(1, false)).isZero();
        assertThat(ScalingModel.hopShare(2, false)).isEqualTo(0.5);
        assertThat(ScalingModel.hopShare(4, false)).isEqualTo(0.75);
        assertThat(ScalingModel.hopShare(32, true)).isZero();
        assertThatThrownBy(() -> ScalingModel.hopShare(0, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuPerOp_oneMachine_isTheMixAtTheOwnerWithoutBackupOrHop() {
        assertThat(model.cpuMicrosPerOp(1, false)).isCloseTo(0.75 * 100 + 0.25 * 200, within(1e-9));
    }

    @Test
    void cpuPerOp_fourMachines_addsThreeQuartersOfAHopAndOneBackupPerWrite() {
        double mix = 0.75 * 100 + 0.25 * 200;
        double hop = 0.75 * (0.75 * 50 + 0.25 * 80);
        double backup = 0.25 * 40;
        assertThat(model.cpuMicrosPerOp(4, false)).isCloseTo(mix + hop + backup, within(1e-9));
        assertThat(model.cpuMicrosPerOp(4, true)).isCloseTo(mix + backup, within(1e-9));
    }

    @Test
    void opsPerSecond_isMachinesTimesCoresOverCpuPerOp() {
        assertThat(model.opsPerSecond(1, false)).isCloseTo(2e6 / 125, within(1e-6));
        assertThat(model.opsPerSecond(8, false)).isCloseTo(8 * 2e6 / model.cpuMicrosPerOp(8, false), within(1e-6));
        // Sub-linear without owner-aware routing (the hop share grows), but still rising.
        assertThat(model.opsPerSecond(8, false)).isLessThan(8 * model.opsPerSecond(1, false))
                .isGreaterThan(model.opsPerSecond(4, false));
        assertThat(model.opsPerSecond(8, true)).isGreaterThan(model.opsPerSecond(8, false));
    }

    @Test
    void sharedMachine_moreNodesOnTheSameCores_neverRises() {
        double one = model.sharedMachine(1, false, 2);
        assertThat(one).isCloseTo(2e6 / (125 + 60), within(1e-6));
        assertThat(model.sharedMachine(3, false, 2)).isLessThan(model.sharedMachine(2, false, 2)).isLessThan(one);
    }

    @Test
    void p50_addsARoundTripPerHopAndForTheBackup() {
        assertThat(model.p50Micros(1, false)).isCloseTo(300 + 200, within(1e-9));
        double hop = 0.5 * (0.75 * 120 + 0.25 * 150 + 200);
        assertThat(model.p50Micros(2, false)).isCloseTo(300 + 200 + hop + 0.25 * 200, within(1e-9));
        assertThat(model.p50Micros(2, true)).isCloseTo(300 + 200 + 0.25 * 200, within(1e-9));
    }

    @Test
    void project_everyRoutingAndAnOwnerAwareProjection_perMachineCount() {
        List<ScalingModel.Point> points = model.project(List.of(1, 2),
                List.of(Routing.ROUND_ROBIN, Routing.LEAST_OUTSTANDING), true);
        assertThat(points).hasSize(2 * 3);
        assertThat(points).filteredOn(p -> p.machines() == 2 && p.ownerAware())
                .singleElement().satisfies(p -> assertThat(p.opsPerSecond()).isEqualTo(model.opsPerSecond(2, true)));
    }

    @Test
    void project_aMeasuredOwnerAwarePolicy_needsNoProjectedLine() {
        List<ScalingModel.Point> points = model.project(List.of(1, 2), List.of(Routing.values()), true);

        assertThat(points).hasSize(2 * Routing.values().length);
        assertThat(points).filteredOn(ScalingModel.Point::ownerAware).extracting(ScalingModel.Point::routing)
                .containsOnly(Routing.OWNER_AWARE.id());
    }
}
