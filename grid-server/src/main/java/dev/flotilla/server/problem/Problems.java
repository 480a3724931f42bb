package dev.flotilla.server.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.VersionMismatchException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The only place that builds error bodies: {@code application/problem+json} (RFC 9457) with {@code code} and
 * {@code definite}. Unexpected failures get a fixed detail; exception text never reaches the caller.
 */
public final class Problems {
    /** Detail of every {@link ErrorCode#INTERNAL} problem. */
    public static final String INTERNAL_DETAIL =
            "an unexpected error occurred; the operation may or may not have been applied (see the node's log)";

    private static final JsonFactory JSON = new JsonFactory();

    private Problems() {
    }

    /** The problem for a grid-core failure; a {@link VersionMismatchException} carries the version found. */
    public static Problem of(GridException e, HttpRequest<?> request) {
        ErrorCode code = ErrorCode.fromCode(e.failure().code()).orElse(ErrorCode.INTERNAL);
        String detail = code == ErrorCode.INTERNAL ? INTERNAL_DETAIL : e.getMessage();
        Problem problem = Problem.of(code, detail, path(request));
        return e instanceof VersionMismatchException mismatch ? problem.withCurrentVersion(mismatch.currentVersion()) : problem;
    }

    /** The problem for a request the server rejected itself. */
    public static Problem of(ProblemException e, HttpRequest<?> request) {
        Problem problem = Problem.of(e.code(), e.getMessage(), path(request));
        return e.currentVersion() == null ? problem : problem.withCurrentVersion(e.currentVersion());
    }

    /** A problem of {@code code} answered with another status than the code's own (for framework errors). */
    public static Problem of(ErrorCode code, int status, String detail, HttpRequest<?> request) {
        return new Problem(code.type(), code.title(), status, detail, path(request), code.code(), code.definite(), null);
    }

    /**
     * The answer to a request the server rejected itself, wherever it was rejected (a filter or a route): the
     * problem, and {@code Retry-After} when the exception carries one.
     */
    public static MutableHttpResponse<byte[]> response(ProblemException e, HttpRequest<?> request) {
        MutableHttpResponse<byte[]> response = response(of(e, request));
        return e.retryAfterSeconds() == null ? response
                : response.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }

    /** The response carrying {@code problem}: its status, content type problem+json, the body as bytes. */
    public static MutableHttpResponse<byte[]> response(Problem problem) {
        return fill(HttpResponse.status(HttpStatus.valueOf(problem.status())), problem);
    }

    /** Sets status, content type and body of an existing response (keeps headers such as {@code Allow}). */
    @SuppressWarnings("unchecked")
    public static MutableHttpResponse<byte[]> fill(MutableHttpResponse<?> response, Problem problem) {
        MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response;
        out.status(HttpStatus.valueOf(problem.status()));
        out.contentType(Problem.MEDIA_TYPE);
        out.body(encode(problem));
        return out;
    }

    /** The problem as JSON bytes. */
    static byte[] encode(Problem p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("type", p.type());
            out.writeStringField("title", p.title());
            out.writeNumberField("status", p.status());
            out.writeStringField("detail", p.detail());
            if (p.instance() != null) {
                out.writeStringField("instance", p.instance());
            }
            out.writeStringField("code", p.code());
            out.writeBooleanField("definite", p.definite());
            if (p.currentVersion() != null) {
                out.writeNumberField("currentVersion", p.currentVersion());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String path(HttpRequest<?> request) {
        return request == null ? null : request.getPath();
    }
}
