package dev.flotilla.server.problem;

import dev.flotilla.client.protocol.ErrorCode;
import io.micronaut.http.HttpRequest;

import java.util.Set;
import java.util.TreeSet;

/** Rejects query parameters an endpoint does not know, so a typo ({@code ?tll=5}) cannot pass silently. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** Throws {@code unknown-parameter} for the first query parameter not in {@code allowed}. */
    public static void requireOnly(HttpRequest<?> request, Set<String> allowed) {
        for (String name : request.getParameters().names()) {
            if (!allowed.contains(name)) {
                String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
                throw new ProblemException(ErrorCode.UNKNOWN_PARAMETER, "unknown query parameter '"
                        + shown.replaceAll("\\p{Cntrl}", "?") + "'"
                        + (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }
}
