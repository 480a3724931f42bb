package dev.flotilla.grid.map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.Locale;

/**
 * The limits every JSON text from outside is read under (documents, request bodies), and their wording in errors.
 *
 * <p>Jackson enforces them while parsing ({@link StreamReadConstraints}); a text that passes one fails with a
 * {@link StreamConstraintsException}, which carries no location and names a Jackson method: {@link #broken} says
 * which limit it was in words a caller can act on.
 */
public final class JsonLimits {
    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_NESTING_DEPTH = 256;
    /** Longest number accepted, in characters (digits, sign, point and exponent). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Longest field name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 50_000;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            // no string can be longer than the largest document: the document limit is checked on its own
            .maxStringLength(VersionedMap.MAX_DOCUMENT_CHARS)
            .build();

    private JsonLimits() {
    }

    /** A new factory whose parsers enforce these limits. */
    public static JsonFactory factory() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    /** The limit {@code e} reports, for example {@code "nesting deeper than 256 levels"}. */
    public static String broken(StreamConstraintsException e) {
        // Jackson tells the limits apart only by its message ("Document nesting depth (257) exceeds ...")
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("nesting depth")) {
            return "nesting deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        if (message.contains("number value length")) {
            return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        if (message.contains("name length")) {
            return "a field name longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (message.contains("string value length")) {
            return "a string longer than " + VersionedMap.MAX_DOCUMENT_CHARS + " characters";
        }
        return "a JSON parser limit";
    }
}
