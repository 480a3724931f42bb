package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;
import dev.flotilla.grid.map.Versioned;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The stored form of a versioned document: {@code {"version":N,"op":"<16 hex>","value":<document>}}.
 *
 * <p>The version comes first and the operation id has a fixed width, so reading them and unwrapping the document
 * are substring operations: the document is never re-parsed on the partition thread. The operation id names the
 * write that produced this state; a write that finds its own id here is Hazelcast's retry of a write that was
 * already applied (see {@link VersionedWrite}).
 */
public final class Envelope {
    private static final String PREFIX = "{\"version\":";
    private static final String OP_FIELD = ",\"op\":\"";
    private static final int OP_HEX_DIGITS = 16;
    private static final String VALUE_FIELD = "\",\"value\":";

    private Envelope() {
    }

    /** A fresh random operation id: 64 bits, so two writes sharing one is not a practical concern. */
    public static long newOperationId() {
        return ThreadLocalRandom.current().nextLong();
    }

    /** The stored form of {@code document} (valid JSON, unchecked here) at that version, written by that operation. */
    public static HazelcastJsonValue wrap(long version, long operationId, String document) {
        String hex = Long.toHexString(operationId);
        return new HazelcastJsonValue(PREFIX + version + OP_FIELD + "0".repeat(OP_HEX_DIGITS - hex.length()) + hex
                + VALUE_FIELD + document + "}");
    }

    /** Whether a JSON value has the envelope's shape (its head; the document is not checked). */
    public static boolean isEnvelope(HazelcastJsonValue value) {
        String text = value.getValue();
        int versionEnd = text.startsWith(PREFIX) ? versionEnd(text) : -1;
        return versionEnd > PREFIX.length() && text.startsWith(OP_FIELD, versionEnd)
                && text.startsWith(VALUE_FIELD, versionEnd + OP_FIELD.length() + OP_HEX_DIGITS) && text.endsWith("}");
    }

    /** The version of a stored form; 0 for null (absent). */
    public static long version(HazelcastJsonValue stored) {
        if (stored == null) {
            return 0;
        }
        String text = stored.getValue();
        return Long.parseLong(text, PREFIX.length(), versionEnd(text), 10);
    }

    /** The id of the write that produced a stored form. */
    public static long operationId(HazelcastJsonValue stored) {
        String text = stored.getValue();
        int start = versionEnd(text) + OP_FIELD.length();
        return Long.parseUnsignedLong(text, start, start + OP_HEX_DIGITS, 16);
    }

    /** The document of a stored form, as it was written. */
    public static String document(HazelcastJsonValue stored) {
        String text = stored.getValue();
        return text.substring(documentStart(text, versionEnd(text)), text.length() - 1);
    }

    /** The document and version of a stored form in one pass over its head; null for null (absent). */
    public static Versioned versioned(HazelcastJsonValue stored) {
        if (stored == null) {
            return null;
        }
        String text = stored.getValue();
        int versionEnd = versionEnd(text);
        return new Versioned(text.substring(documentStart(text, versionEnd), text.length() - 1),
                Long.parseLong(text, PREFIX.length(), versionEnd, 10));
    }

    /** Where the version's digits end: the comma before the operation id. */
    private static int versionEnd(String text) {
        return text.indexOf(',', PREFIX.length());
    }

    /**
     * Where the document starts: the operation id has a fixed width, so the offset follows from the version's end;
     * the field name there is checked, and a text of another shape is searched as before.
     */
    private static int documentStart(String text, int versionEnd) {
        int field = versionEnd + OP_FIELD.length() + OP_HEX_DIGITS;
        return (text.startsWith(VALUE_FIELD, field) ? field : text.indexOf(VALUE_FIELD, PREFIX.length()))
                + VALUE_FIELD.length();
    }
}
