package dev.flotilla.lab.history;

import java.util.List;

/**
 * A validated history: the events in real-time order and the operations they pair into.
 *
 * <p>Rules enforced on construction: indexes strictly increase; every completion (ok, fail,
 * info) follows an invoke by the same process; a process has at most one operation in flight;
 * after an info a process never issues another operation.
 */
public final class History {

    private final List<Event> events;
    private final List<Operation> operations;

    History(List<Event> events, List<Operation> operations) {
        this.events = List.copyOf(events);
        this.operations = List.copyOf(operations);
    }

    /** Returns a validated history of these events, in the given order; throws {@link HistoryFormatException} on a rule violation. */
    public static History of(List<Event> events) {
        OperationPairing pairing = new OperationPairing();
        for (Event event : events) {
            pairing.accept(event, 0);
        }
        return pairing.toHistory();
    }

    /** Returns the events in real-time (line) order. */
    public List<Event> events() {
        return events;
    }

    /** Returns every operation (ok, fail and info) ordered by invoke index; an invoke that never completed is info. */
    public List<Operation> operations() {
        return operations;
    }

    @Override
    public String toString() {
        return "History[" + events.size() + " events, " + operations.size() + " operations]";
    }
}
