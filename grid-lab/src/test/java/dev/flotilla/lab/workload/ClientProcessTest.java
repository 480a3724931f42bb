package dev.flotilla.lab.workload;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryRecorder;
import dev.flotilla.lab.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The recording rules, with small hand-written clients (no grid needed to decide ok, fail or info). */
class ClientProcessTest {
    private final HistoryRecorder recorder = HistoryRecorder.start();
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void run_appliedOutcome_recordsOk() {
        ClientProcess process = new ClientProcess(recorder, request -> Outcome.ok(7L), ids::getAndIncrement);
        assertThat(process.run(new Request("read", "r0", null))).isEqualTo(EventType.OK);
        Operation op = recorder.history().operations().get(0);
        assertThat(op.isOk()).isTrue();
        assertThat(op.completionValue().asLong()).isEqualTo(7);
        assertThat(op.key()).isEqualTo("r0");
    }

    @Test
    void run_notAppliedOutcome_recordsFailAndKeepsTheProcess() {
        ClientProcess process = new ClientProcess(recorder, request -> Outcome.fail(request.value()), ids::getAndIncrement);
        int before = process.process();
        assertThat(process.run(new Request("cas", "r0", java.util.List.of(1L, 2L)))).isEqualTo(EventType.FAIL);
        assertThat(process.process()).isEqualTo(before);
    }

    @Test
    void run_definiteGridException_recordsFail() {
        ClientProcess process = new ClientProcess(recorder, request -> {
            throw new GridException(GridFailure.NO_QUORUM, "refused");
        }, ids::getAndIncrement);
        assertThat(process.run(new Request("incr", null, 1L))).isEqualTo(EventType.FAIL);
    }

    @Test
    void run_indefiniteFailure_recordsInfoAndContinuesUnderANewProcess() {
        ClientProcess process = new ClientProcess(recorder, request -> {
            throw new GridException(GridFailure.TIMEOUT, "no answer");
        }, ids::getAndIncrement);
        int first = process.process();
        assertThat(process.run(new Request("incr", null, 1L))).isEqualTo(EventType.INFO);
        assertThat(process.process()).isNotEqualTo(first);
        assertThat(process.run(new Request("incr", null, 1L))).isEqualTo(EventType.INFO);
        History history = recorder.history(); // validates: no process invokes after its info
        assertThat(history.operations()).extracting(Operation::process).doesNotHaveDuplicates();
    }

    @Test
    void run_unclassifiedException_recordsInfo() {
        ClientProcess process = new ClientProcess(recorder, request -> {
            throw new IllegalStateException("boom");
        }, ids::getAndIncrement);
        assertThat(process.run(new Request("add", null, 1L))).isEqualTo(EventType.INFO);
    }

    @Test
    void abandon_nothingInFlight_changesNothing() {
        ClientProcess process = new ClientProcess(recorder, request -> Outcome.ok(null), ids::getAndIncrement);
        int id = process.process();
        process.abandon();
        assertThat(process.process()).isEqualTo(id);
        assertThat(recorder.events()).isEmpty();
    }
}
