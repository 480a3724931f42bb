package dev.flotilla.client.protocol;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {

    @Test
    void codes_everyEntry_areUniqueKebabCase() {
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(ErrorCode.values().length);
        assertThat(codes).allMatch(c -> c.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void definite_clientErrors_areDefinite() {
        assertThat(ErrorCode.values()).filteredOn(c -> c.status() >= 400 && c.status() < 500)
                .allMatch(ErrorCode::definite);
        assertThat(ErrorCode.TIMEOUT.definite()).isFalse();
        assertThat(ErrorCode.INTERNAL.definite()).isFalse();
    }

    @Test
    void fromCode_knownAndUnknown_resolvesOrEmpty() {
        assertThat(ErrorCode.fromCode("version-mismatch")).contains(ErrorCode.VERSION_MISMATCH);
        assertThat(ErrorCode.fromCode("no-such-code")).isEmpty();
        assertThat(ErrorCode.fromCode(null)).isEmpty();
    }
}
