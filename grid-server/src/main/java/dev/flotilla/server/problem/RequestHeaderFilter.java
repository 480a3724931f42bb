package dev.flotilla.server.problem;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.server.json.StreamedBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rejects, before any route runs, requests whose headers cannot be read one way only: a body in a charset other
 * than UTF-8, and a header that must appear once given several times.
 *
 * <p>Why here: Micronaut decodes a {@code String} body in the declared charset while binding it, and an unknown
 * charset then fails as an unexpected error (500, not definite) although nothing ran. JSON is UTF-8 (RFC 8259,
 * section 8.1), so the charset parameter, when given, must name UTF-8 (any of its aliases): anything else is
 * {@code 415 unsupported-media-type}. {@code @Header} binding takes the first of several lines silently, so
 * {@code Idempotency-Key} ({@code 400 invalid-parameter}), {@code If-Match}, {@code If-None-Match}
 * ({@code 400 invalid-if-match}) and {@code Content-Type} ({@code 400 bad-request}) given on two lines are refused:
 * a client (or a proxy) that sends two has two intentions, and picking one could apply a write the caller did not
 * mean. Every answer here is definite: no route ran.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestHeaderFilter {

    /** Answers a problem for a request with an unreadable charset or a repeated header; null lets it through. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        ProblemException problem = problem(request);
        return problem == null ? null : Problems.response(problem, request);
    }

    private static ProblemException problem(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        ProblemException repeated = once(headers, Preconditions.IDEMPOTENCY_KEY, ErrorCode.INVALID_PARAMETER);
        if (repeated == null) {
            repeated = once(headers, Preconditions.IF_MATCH, ErrorCode.INVALID_IF_MATCH);
        }
        if (repeated == null) {
            repeated = once(headers, HttpHeaders.IF_NONE_MATCH, ErrorCode.INVALID_IF_MATCH);
        }
        if (repeated == null) {
            repeated = once(headers, HttpHeaders.CONTENT_TYPE, ErrorCode.BAD_REQUEST);
        }
        if (repeated != null) {
            return repeated;
        }
        HttpMethod method = request.getMethod();
        boolean hasBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
        return hasBody && contentType != null ? charset(contentType) : null;
    }

    private static ProblemException once(HttpHeaders headers, String name, ErrorCode code) {
        if (headers.get(name) == null) {
            return null; // the common case, without the list getAll builds
        }
        List<String> values = headers.getAll(name);
        if (values.size() <= 1) {
            return null;
        }
        return new ProblemException(code, name + " is given on " + values.size() + " header lines; send it once"
                + (name.equals(Preconditions.IDEMPOTENCY_KEY) || name.equals(HttpHeaders.CONTENT_TYPE) ? ""
                : " (several entity tags go on one line, separated by commas)"));
    }

    /**
     * The 415 for a charset parameter that does not name UTF-8 as Micronaut reads it (its own {@link MediaType}
     * parsing: a quoted {@code "utf-8"} is not a charset name there); null when it does or there is none.
     */
    private static ProblemException charset(String contentType) {
        MediaType type;
        try {
            type = MediaType.of(contentType);
        } catch (RuntimeException e) {
            return new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                    + StreamedBodies.printable(contentType) + "' is not a media type");
        }
        String name = type.getParameters().get("charset").orElse(null);
        if (name == null || isUtf8(type)) {
            return null;
        }
        return new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "charset '" + StreamedBodies.printable(name)
                + "' is not accepted: request bodies are JSON in UTF-8; send charset=utf-8 (unquoted) or no charset");
    }

    private static boolean isUtf8(MediaType type) {
        try {
            return type.getCharset().map(StandardCharsets.UTF_8::equals).orElse(true);
        } catch (RuntimeException unknownOrIllegal) {
            return false;
        }
    }
}
