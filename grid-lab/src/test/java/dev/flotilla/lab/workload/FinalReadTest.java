package dev.flotilla.lab.workload;

import com.fasterxml.jackson.databind.node.LongNode;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FinalReadTest {

    @Test
    void last_readWhileIncrementsStillRan_isNotAFinalRead() {
        // incr ok, then a read of 1 while a second incr is in flight, then that incr ok: no read after everything.
        History history = History.of(List.of(
                new Event(0, 0, 0, EventType.INVOKE, "incr", null, LongNode.valueOf(1)),
                new Event(1, 1, 0, EventType.OK, "incr", null, null),
                new Event(2, 2, 0, EventType.INVOKE, "incr", null, LongNode.valueOf(1)),
                new Event(3, 3, 1, EventType.INVOKE, "read", null, null),
                new Event(4, 4, 1, EventType.OK, "read", null, LongNode.valueOf(1)),
                new Event(5, 5, 0, EventType.OK, "incr", null, null)));

        assertThat(FinalRead.last(history, "read")).isNull();
        assertThat(new CounterWorkload().summarize(WorkloadSettings.of(1, "ns"), history, null))
                .isEqualTo("no final read; 2 acknowledged increments");
    }

    @Test
    void last_readAfterEveryIncrement_isTheFinalRead() {
        History history = History.of(List.of(
                new Event(0, 0, 0, EventType.INVOKE, "incr", null, LongNode.valueOf(1)),
                new Event(1, 1, 0, EventType.OK, "incr", null, null),
                new Event(2, 2, 1, EventType.INVOKE, "read", null, null),
                new Event(3, 3, 1, EventType.OK, "read", null, LongNode.valueOf(1))));

        assertThat(FinalRead.last(history, "read").completionValue().asLong()).isEqualTo(1);
    }
}
