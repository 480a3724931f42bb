package dev.flotilla.lab.history;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Pairs invokes with completions one event at a time, so a file can be checked while it streams in. */
final class OperationPairing {

    private final List<Event> events = new ArrayList<>();
    /** Invoke events in invoke order; completions are filled into {@link #completions} at the same slot. */
    private final List<Event> invokes = new ArrayList<>();
    private final List<Event> completions = new ArrayList<>();
    /** process -> slot of its in-flight operation. */
    private final Map<Integer, Integer> inFlight = new HashMap<>();
    /** process -> index of the info that retired it. */
    private final Map<Integer, Long> retired = new HashMap<>();
    private long lastIndex = -1;

    /** Accepts the next event; {@code line} is its 1-based line number, or 0 when not from a file. */
    void accept(Event event, long line) {
        String where = line > 0 ? "" : "event index " + event.index() + ": ";
        if (event.index() <= lastIndex) {
            throw new HistoryFormatException(line, where + "index " + event.index()
                    + " does not increase (previous index " + lastIndex + ")");
        }
        lastIndex = event.index();
        int process = event.process();
        if (event.type() == EventType.INVOKE) {
            Long infoIndex = retired.get(process);
            if (infoIndex != null) {
                throw new HistoryFormatException(line, where + "process " + process
                        + " invoked " + event.f() + " after its info at index " + infoIndex
                        + "; after an info a process must never issue another operation");
            }
            Integer open = inFlight.get(process);
            if (open != null) {
                throw new HistoryFormatException(line, where + "process " + process + " invoked " + event.f()
                        + " while its " + invokes.get(open).f() + " invoked at index "
                        + invokes.get(open).index() + " had not completed");
            }
            inFlight.put(process, invokes.size());
            invokes.add(event);
            completions.add(null);
        } else {
            Integer slot = inFlight.remove(process);
            if (slot == null) {
                throw new HistoryFormatException(line, where + event.type().jsonName() + " " + event.f()
                        + " by process " + process + " has no matching invoke");
            }
            Event invoke = invokes.get(slot);
            if (!invoke.f().equals(event.f())) {
                throw new HistoryFormatException(line, where + event.type().jsonName() + " has f=" + event.f()
                        + " but process " + process + " invoked f=" + invoke.f() + " at index " + invoke.index());
            }
            if (event.key() != null && !Objects.equals(event.key(), invoke.key())) {
                throw new HistoryFormatException(line, where + event.type().jsonName() + " has key=" + event.key()
                        + " but process " + process + " invoked on key=" + invoke.key() + " at index " + invoke.index());
            }
            completions.set(slot, event);
            if (event.type() == EventType.INFO) {
                retired.put(process, event.index());
            }
        }
        events.add(event);
    }

    History toHistory() {
        List<Operation> operations = new ArrayList<>(invokes.size());
        for (int i = 0; i < invokes.size(); i++) {
            Event invoke = invokes.get(i);
            Event completion = completions.get(i);
            if (completion == null) {
                operations.add(new Operation(invoke.process(), invoke.f(), invoke.key(), EventType.INFO,
                        invoke.value(), NullNode.getInstance(), invoke.index(), -1));
            } else {
                operations.add(new Operation(invoke.process(), invoke.f(), invoke.key(), completion.type(),
                        invoke.value(), completion.value(), invoke.index(), completion.index()));
            }
        }
        return new History(events, operations);
    }
}
