package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.protocol.ErrorCode;

import java.util.Set;

/**
 * The retry decision table: after a failed attempt, retry (on another node), fail with this failure, or report the
 * outcome as unknown. Pure.
 *
 * <table>
 * <caption>after a failed attempt (retry only while attempts remain)</caption>
 * <tr><th>failure</th><th>read</th><th>conditional write</th><th>write with key</th><th>write without key</th></tr>
 * <tr><td>definite, node unavailable (connect failed, TLS handshake failed, 503 definite, 409 request-in-progress)</td>
 *     <td>retry</td><td>retry</td><td>retry</td><td>retry</td></tr>
 * <tr><td>definite, anything else (400, 404, 412, 413, 422, ...)</td>
 *     <td>fail</td><td>fail (unknown if an earlier attempt's outcome is)</td><td>fail</td>
 *     <td>fail (unknown if an earlier attempt's outcome is)</td></tr>
 * <tr><td>not definite (timeout, connection lost, 5xx not definite)</td>
 *     <td>retry</td><td>retry</td><td>retry</td><td>unknown</td></tr>
 * <tr><td>not definite, replayed by the node (the first attempt's outcome is unknown)</td>
 *     <td>-</td><td>unknown</td><td>unknown</td><td>-</td></tr>
 * </table>
 *
 * <p>When no attempt remains, a write whose outcome may have been applied is reported unknown, never as a plain
 * failure. With a key, a definite answer after an unknown attempt is true (the node replays the first attempt's
 * outcome or freed the key because nothing was applied); without a key, a 412 after an unknown attempt may be
 * caused by that attempt, so the outcome is unknown.
 */
final class RetryDecision {
    /** What a request does, which decides what may be retried. */
    enum Kind {
        /** No effect: GET, batch of reads. */
        READ,
        /** A write guarded by If-Match / If-None-Match, without an idempotency key. */
        CONDITIONAL_WRITE,
        /** Any write carrying an idempotency key. */
        KEYED_WRITE,
        /** An unconditional write without a key. */
        UNKEYED_WRITE
    }

    /** The decision. */
    enum Verdict { RETRY, FAIL, UNKNOWN }

    private static final Set<String> UNAVAILABLE = Set.of(FlotillaException.CONNECT_FAILED, FlotillaException.TLS_FAILED,
            ErrorCode.REQUEST_IN_PROGRESS.code(), ErrorCode.MEMBER_NOT_RUNNING.code(), ErrorCode.NO_DATA_MEMBER.code(),
            ErrorCode.NO_QUORUM.code());

    private RetryDecision() {
    }

    /**
     * @param earlierUnknown whether an earlier attempt of this request may have been applied
     * @param replayed       whether the node marked the answer as the replay of an earlier attempt
     */
    static Verdict after(Kind kind, FlotillaException failure, boolean replayed, boolean earlierUnknown,
                         int attemptsDone, int maxAttempts) {
        boolean unknownNow = kind != Kind.READ && (earlierUnknown || !failure.definite()
                || failure.code().equals(ErrorCode.REQUEST_IN_PROGRESS.code()));
        boolean retryable;
        if (failure.definite()) {
            retryable = UNAVAILABLE.contains(failure.code());
        } else {
            retryable = !replayed && kind != Kind.UNKEYED_WRITE;
        }
        if (retryable && attemptsDone < maxAttempts) {
            return Verdict.RETRY;
        }
        if (!unknownNow) {
            return Verdict.FAIL;
        }
        if (kind == Kind.KEYED_WRITE && failure.definite() && !UNAVAILABLE.contains(failure.code())) {
            return Verdict.FAIL; // a definite answer to a keyed retry is the truth
        }
        return Verdict.UNKNOWN;
    }

    /** Whether this attempt's failure leaves the request's outcome unknown from now on. */
    static boolean leavesUnknown(Kind kind, FlotillaException failure) {
        return kind != Kind.READ && !failure.definite();
    }
}
