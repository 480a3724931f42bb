package dev.flotilla.lab.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

    @Test
    void recorder_manyThreadsAppending_indexesAreUniqueDenseAndTimeIsMonotone() throws Exception {
        HistoryRecorder recorder = HistoryRecorder.start();
        int threads = 8;
        int opsPerThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int process = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < opsPerThread; i++) {
                        recorder.invoke(process, "write", "k" + (i % 3), i);
                        recorder.ok(process, i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Event> events = recorder.events();
        assertThat(events).hasSize(threads * opsPerThread * 2);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).index()).isEqualTo(i);
            if (i > 0) {
                assertThat(events.get(i).time()).isGreaterThanOrEqualTo(events.get(i - 1).time());
            }
        }
        History history = recorder.history();
        assertThat(history.operations()).hasSize(threads * opsPerThread).allMatch(Operation::isOk);
    }

    @Test
    void recorder_completionCopiesFAndKeyFromInvoke() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(1, "cas", "k9", List.of(1, 2));
        Event ok = recorder.fail(1, null);

        assertThat(ok.f()).isEqualTo("cas");
        assertThat(ok.key()).isEqualTo("k9");
        assertThat(ok.type()).isEqualTo(EventType.FAIL);
        assertThat(recorder.history().operations().get(0).invokeValue().toString()).isEqualTo("[1,2]");
    }

    @Test
    void recorder_invokeAfterInfo_isRejected() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(4, "write", null, 1);
        recorder.info(4, null);

        assertThatThrownBy(() -> recorder.invoke(4, "read", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("process 4").hasMessageContaining("new process id");
    }

    @Test
    void recorder_completionWithoutInvoke_isRejected() {
        HistoryRecorder recorder = HistoryRecorder.start();

        assertThatThrownBy(() -> recorder.ok(2, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no operation in flight");
    }

    @Test
    void recorder_secondInvokeWhileInFlight_isRejected() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(1, "read", null, null);

        assertThatThrownBy(() -> recorder.invoke(1, "read", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has an operation in flight");
    }

    @Test
    void recorder_operationStillInFlight_isInfoInHistory() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(1, "write", null, 7);

        Operation op = recorder.history().operations().get(0);

        assertThat(op.isInfo()).isTrue();
        assertThat(op.completeIndex()).isEqualTo(-1);
        assertThat(op.value().intValue()).isEqualTo(7);
    }
}
