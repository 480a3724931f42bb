package dev.flotilla.server.map;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.server.problem.ProblemException;

/**
 * The conditional-request headers of one write, parsed: none, {@code If-Match: "<version>"},
 * {@code If-Match: *} (the key must exist) or {@code If-None-Match: *} (the key must be absent).
 *
 * <p>Only one strong entity tag is accepted: versions compare strongly, so a weak tag ({@code W/"3"}) could never
 * match and a list would be ambiguous for a compare-and-set; both are rejected as {@code invalid-if-match}.
 *
 * @param kind    which condition
 * @param version the expected version for {@link Kind#VERSION}; 0 otherwise
 */
record Precondition(Kind kind, long version) {
    static final Precondition NONE = new Precondition(Kind.NONE, 0);

    enum Kind { NONE, VERSION, EXISTS, ABSENT }

    /** Parses the headers of a PUT or DELETE; {@code If-None-Match} is only allowed when {@code allowAbsent}. */
    static Precondition parse(String ifMatch, String ifNoneMatch, boolean allowAbsent) {
        if (ifMatch != null && ifNoneMatch != null) {
            throw new ProblemException(ErrorCode.INVALID_IF_MATCH, "send either If-Match or If-None-Match, not both");
        }
        if (ifMatch != null) {
            if (ifMatch.strip().equals("*")) {
                return new Precondition(Kind.EXISTS, 0);
            }
            return new Precondition(Kind.VERSION, version(Preconditions.IF_MATCH, ifMatch));
        }
        if (ifNoneMatch != null) {
            if (!allowAbsent || !ifNoneMatch.strip().equals("*")) {
                throw new ProblemException(ErrorCode.INVALID_IF_MATCH, "If-None-Match " + quote(ifNoneMatch)
                        + (allowAbsent ? " is not supported on writes; only If-None-Match: * (create only if absent) is"
                        : " is not supported here"));
            }
            return new Precondition(Kind.ABSENT, 0);
        }
        return NONE;
    }

    /** The version in one strong entity tag, or an {@code invalid-if-match} problem naming the header. */
    static long version(String header, String value) {
        long version = Preconditions.parseEtag(value);
        if (version < 1) {
            throw new ProblemException(ErrorCode.INVALID_IF_MATCH, header + " " + quote(value)
                    + " is not a quoted positive version such as \"3\" (nor *); weak tags and lists are not accepted");
        }
        return version;
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
