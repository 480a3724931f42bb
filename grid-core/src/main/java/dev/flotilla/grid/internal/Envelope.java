package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;

/**
 * The stored form of a versioned document: {@code {"version":N,"value":<document>}}.
 *
 * <p>The version comes first so that reading it and unwrapping the document are substring operations: the
 * document is never re-parsed on the partition thread.
 */
final class Envelope {
    private static final String PREFIX = "{\"version\":";
    private static final String VALUE_FIELD = ",\"value\":";

    private Envelope() {
    }

    static HazelcastJsonValue wrap(long version, String document) {
        return new HazelcastJsonValue(PREFIX + version + VALUE_FIELD + document + "}");
    }

    static long version(HazelcastJsonValue stored) {
        if (stored == null) {
            return 0;
        }
        String text = stored.getValue();
        int end = text.indexOf(',', PREFIX.length());
        return Long.parseLong(text, PREFIX.length(), end, 10);
    }

    static String document(HazelcastJsonValue stored) {
        String text = stored.getValue();
        int valueStart = text.indexOf(VALUE_FIELD, PREFIX.length()) + VALUE_FIELD.length();
        return text.substring(valueStart, text.length() - 1);
    }
}
