package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuaranteeModeTest {

    @ParameterizedTest
    @EnumSource(GuaranteeMode.class)
    void fromId_idOfEachMode_returnsThatMode(GuaranteeMode mode) {
        assertThat(GuaranteeMode.fromId(mode.id())).isSameAs(mode);
    }

    @Test
    void ids_allModes_areTheSevenDesignNames() {
        assertThat(Arrays.stream(GuaranteeMode.values()).map(GuaranteeMode::id))
                .containsExactly("unsafe", "atomic-key", "locked", "tx-one-phase", "tx-two-phase", "cp", "cp-unsafe");
    }

    @Test
    void fromId_unknownId_rejectedDefinitelyListingValidIds() {
        assertThatThrownBy(() -> GuaranteeMode.fromId("serializable"))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.failure()).isEqualTo(GridFailure.INVALID_ARGUMENT);
                    assertThat(e.definite()).isTrue();
                    assertThat(e.getMessage()).contains("'serializable'")
                            .contains("unsafe, atomic-key, locked, tx-one-phase, tx-two-phase, cp, cp-unsafe");
                });
    }

    @Test
    void fromId_wrongCaseOrNull_rejectedDefinitely() {
        assertThatThrownBy(() -> GuaranteeMode.fromId("CP")).isInstanceOf(GridException.class);
        assertThatThrownBy(() -> GuaranteeMode.fromId(null))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.definite()).isTrue());
    }

    @Test
    void usesCpSubsystem_onlyCpModes_true() {
        assertThat(Arrays.stream(GuaranteeMode.values()).filter(GuaranteeMode::usesCpSubsystem))
                .containsExactly(GuaranteeMode.CP, GuaranteeMode.CP_UNSAFE);
    }
}
