package dev.flotilla.lab.report;

import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.nemesis.Fault;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LossTimingTest {

    /** Four adds acknowledged at 1 s, 5.5 s, 7 s and 12 s; a kill from 5 s, reported at 6 s, safe at 8 s; a join at 11 s. */
    @Test
    void of_lostAdds_splitByTheLatestFaultBeforeTheirAcknowledgement() {
        long[] acknowledgedAt = {1_000, 5_500, 7_000, 12_000};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < acknowledgedAt.length; i++) {
            events.add(new Event(events.size(), millis(acknowledgedAt[i] - 10), i, EventType.INVOKE, "add", null, null));
            events.add(new Event(events.size(), millis(acknowledgedAt[i]), i, EventType.OK, "add", null, null));
        }
        History history = History.of(events);
        List<Operation> lost = history.operations();
        List<Fault> faults = List.of(
                new Fault("kill", List.of("n2"), "", millis(5_000), millis(6_000), millis(8_000)),
                new Fault("join", List.of("n4"), "", millis(11_000), millis(11_500)),
                new Fault("heal", List.of("n2"), "", millis(500), millis(600)));

        LossTiming timing = LossTiming.of(lost, history, faults);

        // 1 s: before any fault (the heal window does not count); 5.5 s: during the kill; 7 s: after it was
        // reported; 12 s: after the join's window ended. Each was invoked 10 ms before its ok, so all three after a
        // fault were also invoked after it began.
        assertThat(timing).isEqualTo(new LossTiming(4, 1, 1, 2, 3));
        assertThat(timing.describe()).isEqualTo("acknowledged 1 before the first fault, 1 during a fault, 2 after"
                + " the cluster had reported it; 3 invoked after the fault began");
    }

    @Test
    void of_inFlightWhenTheFaultHit_isNotCountedAsInvokedAfterIt() {
        List<Event> events = List.of(new Event(0, millis(4_900), 0, EventType.INVOKE, "add", null, null),
                new Event(1, millis(5_200), 0, EventType.OK, "add", null, null));
        History history = History.of(events);
        LossTiming timing = LossTiming.of(history.operations(), history,
                List.of(new Fault("kill-two", List.of("n2", "n3"), "", millis(5_000), millis(6_000), millis(6_500))));

        assertThat(timing).isEqualTo(new LossTiming(1, 0, 1, 0, 0));
    }

    @Test
    void of_nothingLost_isNone() {
        assertThat(LossTiming.of(List.of(), History.of(List.of()), List.of())).isEqualTo(LossTiming.NONE);
        assertThat(LossTiming.NONE.describe()).isEmpty();
    }

    private static long millis(long ms) {
        return ms * 1_000_000L;
    }
}
