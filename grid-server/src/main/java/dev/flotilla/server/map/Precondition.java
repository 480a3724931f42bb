package dev.flotilla.server.map;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.server.problem.ProblemException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * The conditional-request headers of one request, parsed (RFC 9110 section 13): none, {@code If-Match} with a list
 * of entity tags (the current version must be one of them), {@code If-Match: *} (the key must exist) or
 * {@code If-None-Match: *} (the key must be absent).
 *
 * <p>Only malformed syntax is rejected ({@code invalid-if-match}). A well-formed tag that names no version
 * ({@code "abc"}, {@code "0"}) or a weak tag under If-Match (strong comparison: {@code W/"3"} never matches) is
 * kept out of {@link #versions}, so the condition is false: 412, as RFC 9110 requires.
 *
 * @param kind     which condition
 * @param versions for {@link Kind#VERSIONS}: the versions any of which satisfies the condition (possibly none);
 *                 empty otherwise
 */
record Precondition(Kind kind, Set<Long> versions) {
    static final Precondition NONE = new Precondition(Kind.NONE, Set.of());

    enum Kind { NONE, VERSIONS, EXISTS, ABSENT }

    /** One member of an entity-tag list: {@code "3"} or {@code W/"3"}, its opaque text without the quotes. */
    record EntityTag(boolean weak, String opaque) {
        /** The version this tag names ({@code "3"}: 3), or -1 when it names none: ours are decimals without leading 0. */
        long version() {
            return opaque.startsWith("0") ? -1 : Preconditions.parseEtag('"' + opaque + '"');
        }
    }

    /** Parses the headers of a PUT or DELETE; {@code If-None-Match} is only allowed when {@code allowAbsent}. */
    static Precondition parse(String ifMatch, String ifNoneMatch, boolean allowAbsent) {
        if (ifMatch != null && ifNoneMatch != null) {
            throw new ProblemException(ErrorCode.INVALID_IF_MATCH, "send either If-Match or If-None-Match, not both");
        }
        if (ifMatch != null) {
            if (ifMatch.strip().equals("*")) {
                return new Precondition(Kind.EXISTS, Set.of());
            }
            return new Precondition(Kind.VERSIONS, versions(tags(Preconditions.IF_MATCH, ifMatch), false));
        }
        if (ifNoneMatch != null) {
            if (!allowAbsent || !ifNoneMatch.strip().equals("*")) {
                throw new ProblemException(ErrorCode.INVALID_IF_MATCH, "If-None-Match " + quote(ifNoneMatch)
                        + (allowAbsent ? " is not supported on writes; only If-None-Match: * (create only if absent) is"
                        : " is not supported here"));
            }
            return new Precondition(Kind.ABSENT, Set.of());
        }
        return NONE;
    }

    /**
     * Which current versions an {@code If-None-Match} of a GET names (then the answer is 304): any for {@code *},
     * else those of its tags, compared weakly ({@code W/"3"} matches version 3); none without the header.
     */
    static LongPredicate notModified(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return version -> false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return version -> true;
        }
        return versions(tags(Preconditions.IF_NONE_MATCH, ifNoneMatch), true)::contains;
    }

    /** The versions named by {@code tags}; weak tags count only when {@code weak} comparison applies. */
    private static Set<Long> versions(List<EntityTag> tags, boolean weak) {
        Set<Long> versions = new TreeSet<>();
        for (EntityTag tag : tags) {
            long version = tag.version();
            if (version > 0 && (weak || !tag.weak())) {
                versions.add(version);
            }
        }
        return Collections.unmodifiableSet(versions); // sorted: problem details list them in order
    }

    /**
     * The members of {@code #entity-tag} (RFC 9110 sections 5.6.1 and 8.8.3): tags separated by commas and optional
     * whitespace, empty members ignored. Anything else, {@code *} inside a list included, is {@code invalid-if-match}.
     */
    static List<EntityTag> tags(String header, String value) {
        List<EntityTag> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= n || value.charAt(open) != '"') {
                throw malformed(header, value);
            }
            int close = open + 1;
            while (close < n && isEtagChar(value.charAt(close))) {
                close++;
            }
            if (close >= n || value.charAt(close) != '"') {
                throw malformed(header, value);
            }
            tags.add(new EntityTag(weak, value.substring(open + 1, close)));
            i = close + 1;
            // a member ends at a comma or the end, with only whitespace before it
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                throw malformed(header, value);
            }
        }
        return tags;
    }

    /** {@code etagc = %x21 / %x23-7E / obs-text}: visible characters but the double quote. */
    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    }

    private static ProblemException malformed(String header, String value) {
        return new ProblemException(ErrorCode.INVALID_IF_MATCH, header + " " + quote(value)
                + " is not * nor a list of entity tags such as \"3\" or \"3\", \"4\"");
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
