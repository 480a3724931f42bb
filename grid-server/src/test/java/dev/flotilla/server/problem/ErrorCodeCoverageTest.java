package dev.flotilla.server.problem;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire registry and grid-core's failures must never drift apart. */
class ErrorCodeCoverageTest {

    @ParameterizedTest
    @EnumSource(GridFailure.class)
    void errorCode_everyGridFailure_sameCodeAndDefiniteFlag(GridFailure failure) {
        assertThat(ErrorCode.fromCode(failure.code())).as("ErrorCode for %s", failure).isPresent()
                .get().satisfies(code -> assertThat(code.definite()).isEqualTo(failure.definite()));
    }

    @ParameterizedTest
    @EnumSource(GridFailure.class)
    void problem_everyGridFailure_carriesCodeStatusAndDefinite(GridFailure failure) {
        var problem = Problems.of(new GridException(failure, "message"), null);
        ErrorCode code = ErrorCode.fromCode(failure.code()).orElseThrow();
        assertThat(problem.code()).isEqualTo(failure.code());
        assertThat(problem.definite()).isEqualTo(failure.definite());
        assertThat(problem.status()).isEqualTo(code.status());
    }

    @Test
    void errorCode_nonDefinite_areServerErrors() {
        for (ErrorCode code : ErrorCode.values()) {
            if (!code.definite()) {
                assertThat(code.status()).as(code.code()).isGreaterThanOrEqualTo(500);
            }
        }
    }

    @Test
    void encode_problem_isJsonWithExtensionMembers() throws Exception {
        byte[] json = Problems.encode(dev.flotilla.client.protocol.Problem.of(ErrorCode.VERSION_MISMATCH, "d \"q\"", "/x")
                .withCurrentVersion(4));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.get("detail").asText()).isEqualTo("d \"q\"");
        assertThat(tree.get("currentVersion").asLong()).isEqualTo(4);
        assertThat(tree.get("definite").asBoolean()).isTrue();
    }
}
