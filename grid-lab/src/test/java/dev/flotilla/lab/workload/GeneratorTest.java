package dev.flotilla.lab.workload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorTest {
    private static final WorkloadSettings SETTINGS = WorkloadSettings.of(4, "test");

    private static List<Request> take(Workload workload, long seed, int worker, int count) {
        Generator generator = workload.generator(SETTINGS, seed, worker);
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(generator.next());
        }
        return out;
    }

    @Test
    void generator_sameSeedAndWorker_givesTheSameSequence() {
        for (String name : Workloads.names()) {
            Workload workload = Workloads.byName(name);
            assertThat(take(workload, 42, 1, 500)).as(name).isEqualTo(take(workload, 42, 1, 500));
        }
    }

    @Test
    void generator_otherSeedOrWorker_givesAnotherSequence() {
        for (String name : List.of("bank", "register", "counter", "documents")) {
            Workload workload = Workloads.byName(name);
            assertThat(take(workload, 42, 0, 200)).as(name).isNotEqualTo(take(workload, 43, 0, 200));
            assertThat(take(workload, 42, 0, 200)).as(name).isNotEqualTo(take(workload, 42, 1, 200));
        }
    }

    @Test
    void documentsGenerator_manyRequests_coverEveryKindWithUniqueValuesAndDistinctBatchKeys() {
        Set<String> kinds = new HashSet<>();
        Set<Object> written = new HashSet<>();
        for (int worker = 0; worker < 3; worker++) {
            for (Request request : take(Workloads.byName("documents"), 5, worker, 1000)) {
                kinds.add(request.f());
                List<Request> operations = request.isBatch() ? request.parts() : List.of(request);
                if (request.isBatch()) {
                    assertThat(request.parts()).hasSizeBetween(2, 3);
                    assertThat(request.parts()).extracting(Request::key).doesNotHaveDuplicates();
                    assertThat(request.parts()).extracting(Request::f)
                            .containsOnly(request.f().equals("get-all") ? "read" : "write");
                }
                for (Request op : operations) {
                    assertThat(op.key()).matches("d[0-3]");
                    Object value = switch (op.f()) {
                        case "write", "create" -> op.value();
                        case "cas" -> ((List<?>) op.value()).get(1);
                        default -> null;
                    };
                    if (value != null) {
                        assertThat(written.add(value)).as("value %s", value).isTrue();
                    }
                    if (op.f().equals("cas") || op.f().equals("delete-if")) {
                        Object expected = op.f().equals("cas") ? ((List<?>) op.value()).get(0) : op.value();
                        assertThat((Long) expected).isBetween(1L, 4L);
                    }
                }
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("read", "write", "cas", "create", "delete", "delete-if",
                "get-all", "put-all");
    }

    @Test
    void setGenerator_manyWorkers_neverRepeatsAnElement() {
        Set<Object> seen = new HashSet<>();
        for (int worker = 0; worker < 8; worker++) {
            for (Request request : take(Workloads.byName("set"), 3, worker, 1000)) {
                if (request.f().equals("add")) {
                    assertThat(seen.add(request.value())).as("element %s", request.value()).isTrue();
                }
            }
        }
    }

    @Test
    void setGenerator_readsTheWholeSetOnceEvery20Requests() {
        var requests = take(Workloads.byName("set"), 3, 0, 1000);
        assertThat(requests).filteredOn(r -> r.f().equals("read")).hasSize(1000 / SetWorkload.READ_EVERY);
        assertThat(requests.get(SetWorkload.READ_EVERY - 1).f()).isEqualTo("read");
        assertThat(requests).filteredOn(r -> !r.f().equals("read")).allMatch(r -> r.f().equals("add"));
    }

    @Test
    void bankGenerator_transfers_moveBetweenTwoDifferentKnownAccounts() {
        for (Request request : take(Workloads.byName("bank"), 9, 0, 1000)) {
            if (request.f().equals("transfer")) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> t = (java.util.Map<String, Object>) request.value();
                assertThat(t.get("from")).isNotEqualTo(t.get("to"));
                assertThat((String) t.get("from")).matches("a[0-3]");
                assertThat((Long) t.get("amount")).isBetween(1L, 5L);
            } else {
                assertThat(request.f()).isEqualTo("read");
            }
        }
    }

    @Test
    void registerGenerator_usesOnlyConfiguredKeysAndSmallValues() {
        for (Request request : take(Workloads.byName("register"), 9, 0, 1000)) {
            assertThat(request.key()).matches("r[0-3]");
            assertThat(request.f()).isIn("read", "write", "cas");
        }
    }

    @Test
    void byName_unknownWorkload_namesTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workloads.byName("queue"))
                .hasMessageContaining("bank, register, set, counter");
    }
}
