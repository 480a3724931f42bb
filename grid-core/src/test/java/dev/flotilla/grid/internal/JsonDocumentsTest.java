package dev.flotilla.grid.internal;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The document check's limits: each breach a definite invalid value naming the limit, never another failure. */
class JsonDocumentsTest {
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void requireValid_nestingAtLimit_accepted() {
        assertThat(JsonDocuments.requireValid(nested(256))).isEqualTo(nested(256));
    }

    @Test
    void requireValid_nestedDeeperThanLimit_invalidValueNamingTheLimit() {
        assertThatThrownBy(() -> JsonDocuments.requireValid(nested(257)))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.failure()).isEqualTo(GridFailure.INVALID_VALUE))
                .hasMessage("value passes a limit: nesting deeper than 256 levels");
    }

    @Test
    void requireValid_numberLongerThanLimit_invalidValueNamingTheLimit() {
        assertThat(JsonDocuments.requireValid("1".repeat(1000))).hasSize(1000);
        assertThatThrownBy(() -> JsonDocuments.requireValid("[" + "1".repeat(1001) + "]"))
                .isInstanceOf(GridException.class)
                .hasMessage("value passes a limit: a number longer than 1000 characters");
    }

    @Test
    void appendToArray_elementAtNestingLimit_invalidValueAndNotAppended() {
        assertThatThrownBy(() -> JsonDocuments.appendToArray("[1]", nested(256), "m", "k"))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.failure()).isEqualTo(GridFailure.INVALID_VALUE))
                .hasMessageContaining("map 'm', key 'k'").hasMessageContaining("nesting deeper than 256 levels");
        assertThat(JsonDocuments.appendToArray("[1]", nested(255), "m", "k")).startsWith("[1,[[");
    }
}
