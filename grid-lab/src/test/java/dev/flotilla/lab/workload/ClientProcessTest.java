package dev.flotilla.lab.workload;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryRecorder;
import dev.flotilla.lab.history.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

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
    void run_batch_recordsEachPartUnderItsOwnProcessAllInvokedBeforeAnyCompletes() {
        ClientProcess process = new ClientProcess(recorder, batchClient(batch -> List.of(Outcome.ok(1L),
                Outcome.fail("b"))), ids::getAndIncrement);
        int worker = process.process();

        EventType type = process.run(Request.batch("put-all",
                List.of(new Request("write", "d0", "a"), new Request("write", "d1", "b"))));

        assertThat(type).isEqualTo(EventType.FAIL);
        List<Operation> ops = recorder.history().operations();
        assertThat(ops).extracting(Operation::key).containsExactly("d0", "d1");
        assertThat(ops).extracting(Operation::type).containsExactly(EventType.OK, EventType.FAIL);
        assertThat(ops).extracting(Operation::process).doesNotHaveDuplicates().doesNotContain(worker);
        assertThat(ops).allSatisfy(op -> assertThat(op.invokeIndex()).isLessThan(2));
        assertThat(ops).allSatisfy(op -> assertThat(op.completeIndex()).isGreaterThanOrEqualTo(2));
        assertThat(process.process()).isEqualTo(worker);
    }

    @ParameterizedTest
    @CsvSource({"TIMEOUT, INFO", "NO_QUORUM, FAIL"})
    void run_batchThatThrows_completesEveryPartAsTheFailureSays(GridFailure failure, EventType expected) {
        ClientProcess process = new ClientProcess(recorder, batchClient(batch -> {
            throw new GridException(failure, "batch failed");
        }), ids::getAndIncrement);

        assertThat(process.run(Request.batch("get-all",
                List.of(new Request("read", "d0", null), new Request("read", "d2", null))))).isEqualTo(expected);

        // The history validates: the parts' processes, info or not, are never used again.
        process.run(new Request("read", "d0", null));
        assertThat(recorder.history().operations()).extracting(Operation::type).startsWith(expected, expected);
        assertThat(recorder.history().operations()).extracting(Operation::process).doesNotHaveDuplicates();
    }

    @Test
    void abandon_batchInFlight_closesEveryPartAsInfo() {
        AtomicReference<ClientProcess> self = new AtomicReference<>();
        ClientProcess process = new ClientProcess(recorder, batchClient(batch -> {
            self.get().abandon();
            return List.of(Outcome.ok(null), Outcome.ok(null));
        }), ids::getAndIncrement);
        self.set(process);

        assertThat(process.run(Request.batch("get-all",
                List.of(new Request("read", "d0", null), new Request("read", "d1", null))))).isEqualTo(EventType.INFO);
        assertThat(recorder.history().operations()).extracting(Operation::type)
                .containsExactly(EventType.INFO, EventType.INFO);
    }

    private static WorkloadClient batchClient(Function<Request, List<Outcome>> batches) {
        return new WorkloadClient() {
            @Override
            public Outcome apply(Request request) {
                return Outcome.ok(null);
            }

            @Override
            public List<Outcome> applyBatch(Request batch) {
                return batches.apply(batch);
            }
        };
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
