package dev.flotilla.client.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error code a grid-server node puts in the {@code code} field of its {@code application/problem+json}
 * errors, with the HTTP status it comes with and whether the failed request surely did not take effect.
 *
 * <p>{@link #definite()} is the one flag a client needs to decide on a retry: {@code true} means the request was
 * rejected before it could change anything, so any retry is safe; {@code false} means it may or may not have been
 * applied, so only an idempotent or conditional retry is safe. Codes are stable kebab-case strings; the codes that
 * mirror grid-core's {@code GridFailure} carry the same code and the same definite flag (the server's tests pin it).
 */
public enum ErrorCode {
    // --- Mirrors of grid-core's GridFailure -------------------------------------------------------------------
    /** A map name is empty, longer than 64 characters or has characters other than letters, digits, '_', '.', '-'. */
    INVALID_MAP_NAME("invalid-map-name", 400, true, "Invalid map name"),
    /** A key is empty, longer than 256 characters, or has a control character or '/'. */
    INVALID_KEY("invalid-key", 400, true, "Invalid key"),
    /** A value is not one well-formed JSON document (used where the value is not the whole request body). */
    INVALID_JSON("invalid-json", 400, true, "Invalid JSON value"),
    /** An argument other than a name or value is out of range. */
    INVALID_ARGUMENT("invalid-argument", 400, true, "Invalid argument"),
    /** A conditional write or delete found another version than the one in {@code If-Match}; nothing was written. */
    VERSION_MISMATCH("version-mismatch", 412, true, "Version mismatch"),
    /** A transfer asked for more than its source account holds; nothing moved. */
    INSUFFICIENT_BALANCE("insufficient-balance", 409, true, "Insufficient balance"),
    /** A lock the operation needs stayed held by another caller for the whole wait; the operation did not run. */
    LOCK_UNAVAILABLE("lock-unavailable", 503, true, "Lock unavailable"),
    /** This side of a split cluster is below the split-brain protection minimum; the operation was refused. */
    NO_QUORUM("no-quorum", 503, true, "No quorum"),
    /** The node's grid member is not running (starting, leaving or stopped); nothing was sent. */
    MEMBER_NOT_RUNNING("member-not-running", 503, true, "Member not running"),
    /** The cluster has no member that can own data; nothing was sent. */
    NO_DATA_MEMBER("no-data-member", 503, true, "No data member"),
    /** The CP group the operation targets was destroyed; the operation was not applied. */
    CP_GROUP_DESTROYED("cp-group-destroyed", 503, true, "CP group destroyed"),
    /** A persistent map's database refused the write or could not be reached; nothing was written anywhere. */
    STORE_UNAVAILABLE("store-unavailable", 503, true, "Store unavailable"),
    /** A write-behind map's queue is full (its database is behind or down); the write was refused. */
    STORE_QUEUE_FULL("store-queue-full", 503, true, "Store queue full"),
    /** A persistent map's database did not answer in time: it may hold the write, which a restart would load. */
    STORE_TIMEOUT("store-timeout", 504, false, "Store timeout"),
    /** No answer arrived in time: the operation may have been applied. */
    TIMEOUT("timeout", 504, false, "Timeout"),
    /** The member running the operation left or its connection dropped mid-call: it may have been applied. */
    MEMBER_LOST("member-lost", 503, false, "Member lost"),
    /** A CP (Raft) operation's outcome is unknown: it may have been applied. */
    INDETERMINATE("indeterminate", 503, false, "Outcome unknown"),
    /** An unexpected failure; the operation may have been applied. The response never carries internal details. */
    INTERNAL("internal", 500, false, "Internal error"),

    // --- HTTP-level codes ---------------------------------------------------------------------------------------
    /** The request body is not well-formed JSON (for a PUT, the body is the document). */
    MALFORMED_JSON("malformed-json", 400, true, "Malformed JSON"),
    /** The body is well-formed JSON but not the shape the endpoint expects (for example an empty batch). */
    INVALID_REQUEST("invalid-request", 400, true, "Invalid request"),
    /** The request's Content-Type is not one the endpoint accepts. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, true, "Unsupported media type"),
    /** The request body is larger than the node's limit. */
    BODY_TOO_LARGE("body-too-large", 413, true, "Body too large"),
    /** The key is absent (or expired). */
    NOT_FOUND("not-found", 404, true, "Not found"),
    /** No endpoint has this path. */
    ROUTE_NOT_FOUND("route-not-found", 404, true, "No such endpoint"),
    /** The endpoint exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED("method-not-allowed", 405, true, "Method not allowed"),
    /** The endpoint cannot produce any media type the {@code Accept} header allows. */
    NOT_ACCEPTABLE("not-acceptable", 406, true, "Not acceptable"),
    /** {@code If-Match} or {@code If-None-Match} is not a quoted positive version or {@code *}. */
    INVALID_IF_MATCH("invalid-if-match", 400, true, "Invalid precondition header"),
    /** {@code If-None-Match: *} was sent but the key exists; nothing was written. */
    PRECONDITION_FAILED("precondition-failed", 412, true, "Precondition failed"),
    /** A query parameter the endpoint does not know. */
    UNKNOWN_PARAMETER("unknown-parameter", 400, true, "Unknown parameter"),
    /** A known parameter (query, path or header) with a value out of range or of the wrong type. */
    INVALID_PARAMETER("invalid-parameter", 400, true, "Invalid parameter"),
    /** Any other request the node rejected before running it. */
    BAD_REQUEST("bad-request", 400, true, "Bad request"),
    /** An experiment spec has an unknown key or a bad value; the detail names the field. */
    INVALID_SPEC("invalid-spec", 400, true, "Invalid experiment spec"),
    /** The experiment exists but is not done: its report and history are written at the end. */
    NOT_READY("not-ready", 409, true, "Not ready"),
    /** The lab's queue is full; the experiment was not queued. */
    LAB_BUSY("lab-busy", 503, true, "Lab busy"),

    // --- Authentication (issue 11) -----------------------------------------------------------------------------
    /** The request had no bearer token, or one the node does not know, and the endpoint needs one; nothing ran. */
    UNAUTHORIZED("unauthorized", 401, true, "Unauthorized"),
    /** The bearer token is valid but none of its roles may use this endpoint; nothing ran. */
    FORBIDDEN("forbidden", 403, true, "Forbidden"),

    // --- Idempotency (issue 4) --------------------------------------------------------------------------------------
    /**
     * Another request with the same {@code Idempotency-Key} is still running; this one did nothing. Retry it after
     * a pause: it then answers the first request's outcome.
     */
    REQUEST_IN_PROGRESS("request-in-progress", 409, true, "Request in progress"),
    /** The {@code Idempotency-Key} was already used for a different method, path, precondition or body. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, true, "Idempotency key reused"),

    // --- Limits (issue 11) ------------------------------------------------------------------------------------------
    /**
     * The node's heap is above its high-water mark: the write was refused before it reached the grid. Reads still
     * work; retry after {@code Retry-After}, or on another node.
     */
    CAPACITY("capacity", 503, true, "Over capacity");

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final int status;
    private final boolean definite;
    private final String title;

    ErrorCode(String code, int status, boolean definite, String title) {
        this.code = code;
        this.status = status;
        this.definite = definite;
        this.title = title;
    }

    /** The stable kebab-case code, as sent in {@link Problem#code()}. */
    public String code() {
        return code;
    }

    /** The HTTP status a node answers with. */
    public int status() {
        return status;
    }

    /** True only when a request failing with this code surely did not take effect. */
    public boolean definite() {
        return definite;
    }

    /** A short, fixed summary for people, as sent in {@link Problem#title()}. */
    public String title() {
        return title;
    }

    /** The problem type URI, as sent in {@link Problem#type()}. */
    public String type() {
        return Problem.TYPE_PREFIX + code;
    }

    /** The entry with that code, if any (codes from a newer server may be unknown here). */
    public static Optional<ErrorCode> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
