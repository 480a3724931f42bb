package dev.flotilla.lab.history;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An invoke paired with its completion.
 *
 * <p>An invoke that never completed is reported with type {@link EventType#INFO} and
 * {@code completeIndex == -1}: its outcome is unknown.
 *
 * @param process the process that issued the operation
 * @param f the operation name
 * @param key the key, or null for single-register histories
 * @param type how it completed: ok, fail or info
 * @param invokeValue the value on the invoke line
 * @param completionValue the value on the completion line (JSON null when absent or never completed)
 * @param invokeIndex index of the invoke event
 * @param completeIndex index of the completion event, or -1 when it never completed
 */
public record Operation(int process, String f, String key, EventType type, JsonNode invokeValue,
                        JsonNode completionValue, long invokeIndex, long completeIndex) {

    /** Returns the value the operation is about: the completion's value when ok and present, else the invoke's. */
    public JsonNode value() {
        return type == EventType.OK && !completionValue.isNull() ? completionValue : invokeValue;
    }

    /** Returns true when the operation surely took effect. */
    public boolean isOk() {
        return type == EventType.OK;
    }

    /** Returns true when the operation surely did not take effect. */
    public boolean isFail() {
        return type == EventType.FAIL;
    }

    /** Returns true when the outcome is unknown (info, or never completed). */
    public boolean isInfo() {
        return type == EventType.INFO;
    }

    /** Returns true when this operation completed before {@code other} was invoked (real-time order). */
    public boolean precedes(Operation other) {
        return completeIndex >= 0 && type != EventType.INFO && completeIndex < other.invokeIndex;
    }
}
