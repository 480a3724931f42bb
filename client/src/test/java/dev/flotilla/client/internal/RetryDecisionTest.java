package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.VersionConflictException;
import dev.flotilla.client.internal.RetryDecision.Kind;
import dev.flotilla.client.internal.RetryDecision.Verdict;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision table of {@link RetryDecision}, row by row. */
class RetryDecisionTest {

    private static FlotillaException failure(String code) {
        return switch (code) {
            case "connect-failed" -> new FlotillaException(code, true, "refused", null);
            case "request-timeout", "connection-lost" -> new FlotillaException(code, false, "lost", null);
            case "version-mismatch" -> new VersionConflictException(Problem.of(ErrorCode.VERSION_MISMATCH, "d", "/p"));
            default -> new FlotillaException(Problem.of(ErrorCode.fromCode(code).orElseThrow(), "d", "/p"));
        };
    }

    @ParameterizedTest(name = "{0} after {1} (replayed {2}, earlier unknown {3}, attempt {4}/{5}) -> {6}")
    @CsvSource({
            // definite, node unavailable: retry anything while attempts remain
            "READ,              connect-failed,      false, false, 1, 3, RETRY",
            "UNKEYED_WRITE,     connect-failed,      false, false, 1, 3, RETRY",
            "KEYED_WRITE,       member-not-running,  false, false, 1, 3, RETRY",
            "KEYED_WRITE,       request-in-progress, false, true,  2, 3, RETRY",
            "READ,              connect-failed,      false, false, 3, 3, FAIL",
            "UNKEYED_WRITE,     connect-failed,      false, false, 3, 3, FAIL",
            // definite otherwise: fail, except when an earlier attempt may have applied an unkeyed write
            "READ,              invalid-key,         false, false, 1, 3, FAIL",
            "KEYED_WRITE,       version-mismatch,    false, false, 1, 3, FAIL",
            "KEYED_WRITE,       version-mismatch,    false, true,  2, 3, FAIL",
            "CONDITIONAL_WRITE, version-mismatch,    false, false, 1, 3, FAIL",
            "CONDITIONAL_WRITE, version-mismatch,    false, true,  2, 3, UNKNOWN",
            "UNKEYED_WRITE,     invalid-json,        false, true,  2, 3, UNKNOWN",
            // not definite: retry what is safe to retry
            "READ,              request-timeout,     false, false, 1, 3, RETRY",
            "READ,              internal,            false, false, 3, 3, FAIL",
            "CONDITIONAL_WRITE, connection-lost,     false, false, 1, 3, RETRY",
            "KEYED_WRITE,       request-timeout,     false, false, 1, 3, RETRY",
            "KEYED_WRITE,       member-lost,         false, false, 1, 3, RETRY",
            "UNKEYED_WRITE,     request-timeout,     false, false, 1, 3, UNKNOWN",
            "KEYED_WRITE,       request-timeout,     false, false, 3, 3, UNKNOWN",
            // a replayed unknown outcome stays unknown
            "KEYED_WRITE,       member-lost,         true,  true,  2, 3, UNKNOWN",
            // still in progress when attempts run out: unknown
            "KEYED_WRITE,       request-in-progress, false, true,  3, 3, UNKNOWN",
            "KEYED_WRITE,       connect-failed,      false, true,  3, 3, UNKNOWN",
    })
    void after_failure_decision(Kind kind, String code, boolean replayed, boolean earlierUnknown, int attempt,
                                int max, Verdict expected) {
        assertThat(RetryDecision.after(kind, failure(code), replayed, earlierUnknown, attempt, max)).isEqualTo(expected);
    }
}
