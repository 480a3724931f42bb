package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error body ({@code application/problem+json}, RFC 9457) with Flotilla's two extension members.
 *
 * @param type           a URI naming the kind of problem: {@code urn:flotilla:problem:<code>}
 * @param title          a short summary of that kind, the same for every occurrence
 * @param status         the HTTP status
 * @param detail         what went wrong with this request, for people; never internal exception text
 * @param instance       the request path
 * @param code           the stable {@link ErrorCode} code
 * @param definite       true only when the request surely did not take effect
 * @param currentVersion for {@code version-mismatch} and {@code precondition-failed}: the version found
 *                       (0 when the key is absent); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, String instance, String code,
                      boolean definite, Long currentVersion) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of every {@link #type()}. */
    public static final String TYPE_PREFIX = "urn:flotilla:problem:";

    /** A problem of that code about the request at {@code instance}. */
    public static Problem of(ErrorCode code, String detail, String instance) {
        return new Problem(code.type(), code.title(), code.status(), detail, instance, code.code(), code.definite(), null);
    }

    /** The same problem with the version the server found. */
    public Problem withCurrentVersion(long version) {
        return new Problem(type, title, status, detail, instance, code, definite, version);
    }

    /** The registry entry of {@link #code()}, or {@link ErrorCode#INTERNAL} for a code this client does not know. */
    public ErrorCode errorCode() {
        return ErrorCode.fromCode(code).orElse(ErrorCode.INTERNAL);
    }
}
