package dev.flotilla.server.map;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.server.problem.ProblemException;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Query-parameter checks of the map endpoints: only known names, and a well-formed {@code ttl}. */
final class RequestParameters {
    /** Longest TTL accepted: 10 years, in seconds. */
    static final long MAX_TTL_SECONDS = 10L * 366 * 24 * 3600;

    private RequestParameters() {
    }

    /** Rejects any query parameter not in {@code allowed} with {@code unknown-parameter}. */
    static void requireOnly(HttpRequest<?> request, Set<String> allowed) {
        QueryParameters.requireOnly(request, allowed);
    }

    /** The {@code ttl} parameter (whole seconds, 1 to 10 years), or null when absent. */
    static Duration ttl(HttpRequest<?> request) {
        HttpParameters parameters = request.getParameters();
        List<String> values = parameters.getAll("ttl");
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ProblemException(ErrorCode.INVALID_PARAMETER, "ttl is given " + values.size() + " times; give it once");
        }
        String text = values.get(0).strip();
        long seconds;
        try {
            seconds = text.matches("\\d{1,12}") ? Long.parseLong(text) : -1;
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_TTL_SECONDS) {
            throw new ProblemException(ErrorCode.INVALID_PARAMETER, "ttl must be a whole number of seconds from 1 to "
                    + MAX_TTL_SECONDS + ", not '" + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'");
        }
        return Duration.ofSeconds(seconds);
    }
}
