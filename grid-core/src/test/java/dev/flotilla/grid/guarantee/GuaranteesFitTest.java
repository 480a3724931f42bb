package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.fixture.GridCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mode is refused, definitely and before anything runs, on a grid whose CP configuration does not fit it. */
@Timeout(60)
class GuaranteesFitTest {
    private final GridCluster cluster = GridCluster.create(b -> b.cpMemberCount(3).cpFailOnIndeterminateState(false));

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void of_cpWithoutFailOnIndeterminateState_rejectedDefinitely() {
        Grid grid = cluster.startMember();

        assertThatThrownBy(() -> Guarantees.of(GuaranteeMode.CP, grid, "ns"))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.failure()).isEqualTo(GridFailure.INVALID_ARGUMENT);
                    assertThat(e.definite()).isTrue();
                    assertThat(e.getMessage()).contains("fail-on-indeterminate");
                });
        assertThatThrownBy(() -> Guarantees.of(GuaranteeMode.CP_UNSAFE, grid, "ns"))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e.getMessage()).contains("cp.member-count 0");
                });
    }
}
