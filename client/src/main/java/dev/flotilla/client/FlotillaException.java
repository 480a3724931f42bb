package dev.flotilla.client;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Problem;

import java.util.Optional;

/**
 * A request failed: either a node answered with a problem ({@link #problem()} present, {@link #code()} one of
 * {@link ErrorCode}'s codes) or no answer came (a transport failure, {@link #status()} 0).
 *
 * <p>{@link #definite()} is the one flag to act on: true only when the request surely did not take effect. A
 * transport failure is definite only when nothing was sent (the connection was refused or could not be opened in
 * time); a timeout or a connection dropped after sending is not. A write that may have been applied after every
 * retry surfaces as {@link IndeterminateResultException}.
 */
public class FlotillaException extends RuntimeException {
    /** Transport: the connection could not be opened (refused, or not within the connect timeout); nothing was sent. */
    public static final String CONNECT_FAILED = "connect-failed";
    /** Transport: the request was sent (perhaps in part) and no complete answer came within the request timeout. */
    public static final String REQUEST_TIMEOUT = "request-timeout";
    /** Transport: the connection broke after the request was (perhaps) sent. */
    public static final String CONNECTION_LOST = "connection-lost";
    /**
     * Transport: the TLS handshake failed (most often the node's certificate is not trusted: give the client its CA
     * with {@link FlotillaClient.Builder#trustedCertificates}); nothing was sent.
     */
    public static final String TLS_FAILED = "tls-handshake-failed";
    /** The client was closed, or has no node to send to. */
    public static final String NO_ENDPOINT = "no-endpoint";

    private final String code;
    private final boolean definite;
    private final int status;
    private final transient Problem problem;

    /** A failure a node answered with {@code problem}. */
    public FlotillaException(Problem problem) {
        this(problem.code(), problem.definite(), problem.status(), problem, describe(problem), null);
    }

    /** A transport failure (no answer) with one of this class's codes. */
    public FlotillaException(String code, boolean definite, String message, Throwable cause) {
        this(code, definite, 0, null, message, cause);
    }

    /** Full constructor for subclasses. */
    protected FlotillaException(String code, boolean definite, int status, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.definite = definite;
        this.status = status;
        this.problem = problem;
    }

    /** The stable code: an {@link ErrorCode} code for a node's answer, or a transport code of this class. */
    public String code() {
        return code;
    }

    /** True only when the request surely did not take effect, so any retry is safe. */
    public boolean definite() {
        return definite;
    }

    /** The HTTP status the node answered, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The node's problem body, when a node answered. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The registry entry of {@link #code()}, when it is a node's code this client knows. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.fromCode(code);
    }

    private static String describe(Problem problem) {
        return problem.status() + " " + problem.code() + ": " + problem.detail();
    }
}
