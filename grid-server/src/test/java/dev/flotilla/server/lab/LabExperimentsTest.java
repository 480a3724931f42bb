package dev.flotilla.server.lab;

import dev.flotilla.client.protocol.ExperimentStatus;
import dev.flotilla.lab.run.ExperimentSpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LabExperiments} on its own (no node): numbering, list order and states of tiny experiments. */
@Timeout(180)
class LabExperimentsTest {
    private static final int SUBMITTERS = 6;
    private static final String TINY = """
            {"name": "tiny-counter", "workload": "counter", "mode": "atomic-key", "members": 1,
             "nemesis": {"name": "none"}, "duration-seconds": 0.5, "clients": 1, "seed": 3}
            """;

    @TempDir
    Path runs;
    private LabExperiments lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            // let the queued tiny runs finish, so that no in-process member outlives the test
            Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                    .until(() -> lab.list().stream().allMatch(s -> Set.of("done", "failed").contains(s.state())));
            lab.stop();
        }
    }

    private static ExperimentSpec tiny() {
        try {
            return ExperimentSpec.fromYaml(new StringReader(TINY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(ExperimentStatus status) {
        return Long.parseLong(status.id().substring(1, status.id().indexOf('-')));
    }

    @Test
    void submit_concurrently_uniqueIdsAndListInSubmissionOrder() throws Exception {
        lab = new LabExperiments(runs.toString(), SUBMITTERS + 2, LabExperiments.Bounds.DEFAULT);
        ExperimentSpec spec = tiny();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        List<CompletableFuture<ExperimentStatus>> submitted = new ArrayList<>();
        try {
            for (int i = 0; i < SUBMITTERS; i++) {
                submitted.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return lab.submit(spec);
                }, submitters));
            }
            go.countDown();
            List<ExperimentStatus> statuses = submitted.stream().map(CompletableFuture::join).toList();
            ExperimentStatus last = lab.submit(spec); // after every concurrent one: must be listed last

            List<String> listed = lab.list().stream().map(ExperimentStatus::id).toList();

            assertThat(statuses).extracting(ExperimentStatus::id).doesNotHaveDuplicates();
            assertThat(statuses).extracting(LabExperimentsTest::number).doesNotHaveDuplicates();
            assertThat(listed).hasSize(SUBMITTERS + 1).doesNotHaveDuplicates()
                    .containsAll(statuses.stream().map(ExperimentStatus::id).toList());
            assertThat(listed).as("listed in the order the submissions were numbered")
                    .isEqualTo(lab.list().stream().sorted(Comparator.comparingLong(LabExperimentsTest::number))
                            .map(ExperimentStatus::id).toList());
            assertThat(listed.get(listed.size() - 1)).isEqualTo(last.id());
            assertThat(statuses).allSatisfy(s -> assertThat(s.state()).isIn("queued", "running", "done", "failed"));
        } finally {
            submitters.shutdownNow();
        }
    }

    @Test
    void experiment_runs_statesAreLowerCaseWireNames() {
        lab = new LabExperiments(runs.toString(), 2, LabExperiments.Bounds.DEFAULT);

        ExperimentStatus queued = lab.submit(tiny());

        assertThat(queued.state()).isIn("queued", "running");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Set.of("done", "failed").contains(lab.status(queued.id()).state()));
        assertThat(lab.status(queued.id()).state()).isEqualTo("done");
        assertThat(lab.file(queued.id(), "result.json")).exists();
    }
}
