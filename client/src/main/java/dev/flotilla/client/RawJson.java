package dev.flotilla.client;

import java.util.Objects;

/**
 * A JSON document given as text, sent as it is (not re-encoded as a JSON string).
 *
 * <p>The node checks that it is one well-formed JSON document; a malformed one fails with the definite
 * {@code malformed-json} (single write) or {@code invalid-json} (batch) and nothing is written.
 *
 * @param json the document, for example {@code {"total":12}}
 */
public record RawJson(String json) {
    /** Checks that the text is present. */
    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    /** The document given as text. */
    public static RawJson of(String json) {
        return new RawJson(json);
    }

    /** The document text. */
    @Override
    public String toString() {
        return json;
    }
}
