package dev.flotilla.lab.run;

import dev.flotilla.lab.report.SizeSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixTest {

    @Test
    void spec_mapModeJoin_scalesOutFromOneMember() {
        ExperimentSpec spec = Matrix.standard(false).spec("set", "atomic-key", "join");
        assertThat(spec.members()).isEqualTo(1);
        assertThat(spec.nemesisSizes()).containsExactly(2, 3, 5);
        assertThat(spec.cpMembers()).isZero();
    }

    @Test
    void spec_cpJoin_startsAtThreeCpMembersAndScalesToFive() {
        ExperimentSpec spec = Matrix.standard(true).spec("register", "cp", "join");
        assertThat(spec.members()).isEqualTo(3);
        assertThat(spec.cpMembers()).isEqualTo(3);
        assertThat(spec.nemesisSizes()).containsExactly(4, 5);
    }

    @Test
    void spec_cpUnsafeCrash_hasNoCpMembers() {
        ExperimentSpec spec = Matrix.standard(true).spec("counter", "cp-unsafe", "crash");
        assertThat(spec.cpMembers()).isZero();
        assertThat(spec.members()).isEqualTo(3);
    }

    @Test
    void standard_everyCell_isAValidSpec() {
        Matrix matrix = Matrix.standard(true);
        for (String workload : matrix.workloads()) {
            for (String mode : matrix.modes()) {
                for (String scenario : matrix.scenarios()) {
                    assertThat(matrix.spec(workload, mode, scenario).name())
                            .isEqualTo(workload + "-" + mode + "-" + scenario);
                }
            }
        }
    }

    @Test
    void sizesReached_stepAfterTheLoad_isNamedAsSuch() {
        List<SizeSample> join = List.of(new SizeSample(0, 1), new SizeSample(1_000_000_000L, 2),
                new SizeSample(2_000_000_000L, 3), new SizeSample(3_000_000_000L, 5));

        assertThat(Matrix.sizesReached(join, 2_500_000_000L)).isEqualTo("1 -> 2 -> 3 (5 after load)");
        assertThat(Matrix.sizesReached(join, 4_000_000_000L)).isEqualTo("1 -> 2 -> 3 -> 5");
    }

    @Test
    void sizesReached_crashAndReplacement_showsTheDipAndTheHealAfterTheLoad() {
        List<SizeSample> crash = List.of(new SizeSample(0, 3), new SizeSample(1_000_000_000L, 2),
                new SizeSample(1_500_000_000L, 3));

        assertThat(Matrix.sizesReached(crash, 2_000_000_000L)).isEqualTo("3 -> 2 -> 3");
        assertThat(Matrix.sizesReached(crash, 1_200_000_000L)).isEqualTo("3 -> 2 (3 after load)");
        // A sample repeating the last size under load adds no step.
        assertThat(Matrix.sizesReached(List.of(new SizeSample(0, 3), new SizeSample(5, 3)), 10)).isEqualTo("3");
    }
}
