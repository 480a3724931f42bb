package dev.flotilla.lab.run;

import org.junit.jupiter.api.Test;

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
}
