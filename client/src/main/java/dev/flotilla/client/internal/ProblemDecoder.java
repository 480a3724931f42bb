package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.VersionConflictException;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns an error answer into the exception the caller sees. A {@code problem+json} body is decoded as the node
 * wrote it; an answer without one (a proxy's page, an empty body) is classified by status alone: 4xx definite
 * {@code bad-request}, 5xx not definite {@code internal}.
 */
final class ProblemDecoder {
    private final ObjectMapper json;

    ProblemDecoder(ObjectMapper json) {
        this.json = json;
    }

    FlotillaException decode(int status, String contentType, byte[] body, String path) {
        Problem problem = parse(contentType, body);
        if (problem == null || problem.code() == null) {
            ErrorCode code = status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            String detail = "HTTP " + status + " without a problem body"
                    + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
            problem = new Problem(code.type(), code.title(), status, detail, path, code.code(), code.definite(), null);
        }
        if (ErrorCode.VERSION_MISMATCH.code().equals(problem.code())
                || ErrorCode.PRECONDITION_FAILED.code().equals(problem.code())) {
            return new VersionConflictException(problem);
        }
        return new FlotillaException(problem);
    }

    private Problem parse(String contentType, byte[] body) {
        if (body == null || body.length == 0 || contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE)) {
            return null;
        }
        try {
            return json.readValue(body, Problem.class);
        } catch (IOException e) {
            return null;
        }
    }
}
