package dev.flotilla.client.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PreconditionsTest {

    @Test
    void parseEtag_quotedPositiveVersion_returnsVersion() {
        assertThat(Preconditions.parseEtag("\"1\"")).isEqualTo(1);
        assertThat(Preconditions.parseEtag(" \"42\" ")).isEqualTo(42);
        assertThat(Preconditions.parseEtag(Preconditions.etag(9_000_000_000L))).isEqualTo(9_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "abc", "\"x\"", "W/\"1\"", "\"0\"", "\"-1\"", "\"\"", "\"99999999999999999999\"", "\"1"})
    void parseEtag_malformed_returnsMinusOne(String tag) {
        assertThat(Preconditions.parseEtag(tag)).isEqualTo(-1);
    }
}
