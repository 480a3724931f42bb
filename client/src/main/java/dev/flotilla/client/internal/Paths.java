package dev.flotilla.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query values. */
final class Paths {
    private Paths() {
    }

    /** {@code s} percent-encoded for a path segment or query value (spaces as %20, not '+'). */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
