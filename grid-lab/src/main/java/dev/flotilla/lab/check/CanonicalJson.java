package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** Canonical forms of JSON values, so that 5 written as an int and read back as a long compare equal. */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** Returns the value with integral numbers as longs and Java null as JSON null. */
    static JsonNode of(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && !value.isLong()) {
            return LongNode.valueOf(value.longValue());
        }
        return value;
    }

    /** Returns the value as a long, or throws naming {@code what} when it is not an integer. */
    static long longValue(JsonNode value, String what) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(what + " must be an integer, got " + value);
        }
        return value.longValue();
    }
}
