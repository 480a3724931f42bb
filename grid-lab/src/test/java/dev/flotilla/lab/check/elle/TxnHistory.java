package dev.flotilla.lab.check.elle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import java.util.ArrayList;
import java.util.List;

/** Builds list-append histories line by line for tests: {@code invoke(p, ops)} then {@code ok(p, ops)}. */
final class TxnHistory {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final List<Event> events;

    TxnHistory() {
        this(List.of());
    }

    /** Continues after {@code prefix}, e.g. to plant an anomaly at the end of a generated history. */
    TxnHistory(List<Event> prefix) {
        events = new ArrayList<>(prefix);
    }

    /** A micro-op: {@code append("x", 1)}. */
    static Object[] append(String key, long element) {
        return new Object[] {"append", key, element};
    }

    /** A read micro-op; no elements means an empty read, {@code null} an unknown one (invoke). */
    static Object[] read(String key, long... elements) {
        return new Object[] {"r", key, elements};
    }

    static Object[] unknownRead(String key) {
        return new Object[] {"r", key, null};
    }

    TxnHistory invoke(int process, Object[]... mops) {
        return add(process, EventType.INVOKE, mops);
    }

    TxnHistory ok(int process, Object[]... mops) {
        return add(process, EventType.OK, mops);
    }

    TxnHistory fail(int process, Object[]... mops) {
        return add(process, EventType.FAIL, mops);
    }

    TxnHistory info(int process, Object[]... mops) {
        return add(process, EventType.INFO, mops);
    }

    /** Invoke then ok, with the reads unknown on the invoke. */
    TxnHistory txn(int process, Object[]... mops) {
        Object[][] invoked = new Object[mops.length][];
        for (int i = 0; i < mops.length; i++) {
            invoked[i] = mops[i][0].equals("r") ? unknownRead((String) mops[i][1]) : mops[i];
        }
        return invoke(process, invoked).ok(process, mops);
    }

    private TxnHistory add(int process, EventType type, Object[]... mops) {
        long index = events.isEmpty() ? 0 : events.get(events.size() - 1).index() + 1;
        events.add(event(index, process, type, mops));
        return this;
    }

    /** One history line of a transaction with these micro-ops. */
    static Event event(long index, int process, EventType type, Object[]... mops) {
        ArrayNode value = JSON.arrayNode();
        for (Object[] mop : mops) {
            ArrayNode m = value.addArray().add((String) mop[0]).add((String) mop[1]);
            if (mop[2] == null) {
                m.addNull();
            } else if (mop[2] instanceof long[] list) {
                ArrayNode l = m.addArray();
                for (long e : list) {
                    l.add(e);
                }
            } else {
                m.add((Long) mop[2]);
            }
        }
        return new Event(index, index * 1000L, process, type, "txn", null, value);
    }

    List<Event> events() {
        return events;
    }

    History history() {
        return History.of(events);
    }
}
