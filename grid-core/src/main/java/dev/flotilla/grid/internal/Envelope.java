package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;

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

    /** The stored form of {@code document} (valid JSON, not checked here) at that version, written by that operation. */
    public static HazelcastJsonValue wrap(long version, long operationId, String document) {
        String hex = Long.toHexString(operationId);
        return new HazelcastJsonValue(PREFIX + version + OP_FIELD + "0".repeat(OP_HEX_DIGITS - hex.length()) + hex
                + VALUE_FIELD + document + "}");
    }

    /** The version of a stored form; 0 for null (absent). */
    public static long version(HazelcastJsonValue stored) {
        if (stored == null) {
            return 0;
        }
        String text = stored.getValue();
        int end = text.indexOf(',', PREFIX.length());
        return Long.parseLong(text, PREFIX.length(), end, 10);
    }

    /** The id of the write that produced a stored form. */
    public static long operationId(HazelcastJsonValue stored) {
        String text = stored.getValue();
        int start = text.indexOf(OP_FIELD, PREFIX.length()) + OP_FIELD.length();
        return Long.parseUnsignedLong(text, start, start + OP_HEX_DIGITS, 16);
    }

    /** The document of a stored form, as it was written. */
    public static String document(HazelcastJsonValue stored) {
        String text = stored.getValue();
        int valueStart = text.indexOf(VALUE_FIELD, PREFIX.length()) + VALUE_FIELD.length();
        return text.substring(valueStart, text.length() - 1);
    }
}
