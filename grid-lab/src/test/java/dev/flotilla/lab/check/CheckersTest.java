package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckersTest {

    @Test
    void byName_everyListedName_returnsAWorkingChecker() {
        CheckerOptions options = CheckerOptions.defaults().withTotal(100);
        for (String name : Checkers.names()) {
            assertThat(Checkers.byName(name, options)).as(name).isNotNull();
        }
    }

    @Test
    void byName_linearizable_isTheCasRegisterChecker() {
        CheckResult result = Checkers.byName("linearizable").check(GoldenHistories.load("cas-register-bad-lost-cas"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void byName_bankWithoutTotal_isRejected() {
        assertThatThrownBy(() -> Checkers.byName("bank"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total");
    }

    @Test
    void byName_unknownName_listsTheKnownOnes() {
        assertThatThrownBy(() -> Checkers.byName("queue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown model \"queue\"").hasMessageContaining("cas-register");
    }

    @Test
    void checkerOptions_negativeBudget_isRejected() {
        assertThatThrownBy(() -> CheckerOptions.defaults().withBudget(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
