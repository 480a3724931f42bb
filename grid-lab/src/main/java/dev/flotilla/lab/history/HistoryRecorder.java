package dev.flotilla.lab.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records a history from many client threads.
 *
 * <p>Thread-safe. Each append takes one lock, so {@code index} is dense (0, 1, 2, ...) and gives
 * the order in which events were appended; {@code time} is read from {@link System#nanoTime()}
 * (relative to {@link #start()}) under the same lock, so time never decreases along the index.
 * A client must append the invoke before it calls the grid and the completion after the call
 * returns: then the line order is a correct real-time order.
 *
 * <p>Values may be a {@link JsonNode}, null, or anything Jackson can turn into a tree (numbers,
 * strings, lists, maps, records).
 */
public final class HistoryRecorder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long startNanos;
    private final List<Event> events = new ArrayList<>();
    /** process -> its in-flight invoke; completions copy f and key from it. */
    private final Map<Integer, Event> inFlight = new HashMap<>();
    private final Set<Integer> retired = new HashSet<>();

    private HistoryRecorder(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Returns an empty recorder whose clock starts now. */
    public static HistoryRecorder start() {
        return new HistoryRecorder(System.nanoTime());
    }

    /** Appends an invoke of {@code f} on {@code key} (null for no key); throws if the process is busy or retired by an info. */
    public Event invoke(int process, String f, String key, Object value) {
        JsonNode json = toJson(value);
        synchronized (this) {
            if (retired.contains(process)) {
                throw new IllegalStateException("process " + process
                        + " completed with info and must not issue another operation; use a new process id");
            }
            if (inFlight.containsKey(process)) {
                throw new IllegalStateException("process " + process + " already has an operation in flight: "
                        + inFlight.get(process));
            }
            Event event = append(process, EventType.INVOKE, f, key, json, null);
            inFlight.put(process, event);
            return event;
        }
    }

    /** Appends an ok completion of the process's in-flight operation (it surely took effect). */
    public Event ok(int process, Object value) {
        return complete(process, EventType.OK, value, null);
    }

    /** Appends a fail completion of the process's in-flight operation (it surely did not take effect). */
    public Event fail(int process, Object value) {
        return fail(process, value, null);
    }

    /** {@link #fail(int, Object)} with the error code the system refused it with (null for none). */
    public Event fail(int process, Object value, String error) {
        return complete(process, EventType.FAIL, value, error);
    }

    /** Appends an info completion (outcome unknown); the process may not issue another operation afterwards. */
    public Event info(int process, Object value) {
        return info(process, value, null);
    }

    /** {@link #info(int, Object)} with the error code the system answered with (null for none). */
    public Event info(int process, Object value, String error) {
        return complete(process, EventType.INFO, value, error);
    }

    /** Returns a snapshot of the events appended so far, in index order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Returns the events so far as a validated history; operations still in flight count as info. */
    public History history() {
        return History.of(events());
    }

    private Event complete(int process, EventType type, Object value, String error) {
        JsonNode json = toJson(value);
        synchronized (this) {
            Event invoke = inFlight.remove(process);
            if (invoke == null) {
                throw new IllegalStateException("process " + process + " has no operation in flight to complete with "
                        + type.jsonName());
            }
            if (type == EventType.INFO) {
                retired.add(process);
            }
            return append(process, type, invoke.f(), invoke.key(), json, error);
        }
    }

    // Caller holds the lock: index and time are taken together so both follow append order.
    private Event append(int process, EventType type, String f, String key, JsonNode value, String error) {
        Event event = new Event(events.size(), System.nanoTime() - startNanos, process, type, f, key, value, error);
        events.add(event);
        return event;
    }

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return MAPPER.valueToTree(value);
    }
}
