package dev.flotilla.lab.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * One line of a history: a process invoked an operation, or the operation completed.
 *
 * <p>{@code index} gives the real-time order (an event with a smaller index happened before);
 * {@code time} is nanoseconds since the start of the run, for charts and latency only.
 *
 * @param index position of the event in the history, strictly increasing
 * @param time nanoseconds since the recorder started
 * @param process the logical client process; a process never issues another operation after an info
 * @param type invoke, ok, fail or info
 * @param f the operation name, e.g. {@code read}, {@code write}, {@code cas}
 * @param key the key the operation is on, or null for single-register histories
 * @param value the operation's value; JSON null (never Java null) when absent
 * @param error on a fail or info completion, the error code the system answered with (for example
 *              {@code no-quorum}, Jepsen's {@code :error}), or null: what refused or lost the operation
 */
public record Event(long index, long time, int process, EventType type, String f, String key, JsonNode value,
                    String error) {

    /** Validates the fields and replaces a Java null value by JSON null. */
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        value = value == null ? NullNode.getInstance() : value;
    }

    /** An event without an error code. */
    public Event(long index, long time, int process, EventType type, String f, String key, JsonNode value) {
        this(index, time, process, type, f, key, value, null);
    }
}
