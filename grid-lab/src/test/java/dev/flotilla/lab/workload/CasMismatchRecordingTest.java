package dev.flotilla.lab.workload;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.guarantee.Accounts;
import dev.flotilla.grid.guarantee.Counter;
import dev.flotilla.grid.guarantee.GrowSet;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.grid.guarantee.Register;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.grid.map.TxResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A cas that ran and found another value or version is an observation: ok with value false, on a real member. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasMismatchRecordingTest {
    private Grid grid;
    private Target target;

    @BeforeAll
    void start() {
        int port = LoopbackProfile.freePort();
        grid = Grid.start(LoopbackProfile.builder("t-" + UUID.randomUUID()).port(port)
                .members(List.of("127.0.0.1:" + port)).build());
        target = new Target() {
            private Guarantees in(String ns) {
                return Guarantees.of(GuaranteeMode.ATOMIC_KEY, grid, ns);
            }

            public Accounts accounts(String ns) { return in(ns).accounts(); }
            public Register register(String ns) { return in(ns).register(); }
            public GrowSet set(String ns) { return in(ns).set(); }
            public Counter counter(String ns) { return in(ns).counter(); }
            public Documents documents(String map) { return Documents.embedded(grid.map(map)); }
            public List<String> transaction(List<TxOperation> operations) {
                return grid.transaction(GuaranteeMode.TX_ONE_PHASE, operations).stream().map(TxResult::json).toList();
            }
        };
    }

    @AfterAll
    void stop() {
        grid.terminate();
    }

    @Test
    void registerCas_mismatch_isOkFalse_match_isOkPair() {
        WorkloadClient client = new RegisterWorkload().client(WorkloadSettings.of(1, "r" + UUID.randomUUID().toString().substring(0, 6)), target);
        client.apply(new Request("write", "k0", 1L));
        assertThat(client.apply(new Request("cas", "k0", List.of(5L, 6L)))).isEqualTo(Outcome.ok(false));
        assertThat(client.apply(new Request("cas", "k0", List.of(1L, 2L)))).isEqualTo(Outcome.ok(List.of(1L, 2L)));
        assertThat(client.apply(new Request("read", "k0", null))).isEqualTo(Outcome.ok(2L));
    }

    @Test
    void documentsCasCreateDeleteIf_onAnotherVersion_areOkFalse() {
        WorkloadClient client = new DocumentsWorkload().client(WorkloadSettings.of(1, "d" + UUID.randomUUID().toString().substring(0, 6)), target);
        assertThat(client.apply(new Request("create", "d0", "w0-0")).applied()).isTrue();
        assertThat(client.apply(new Request("create", "d0", "w0-1"))).isEqualTo(Outcome.ok(false));
        assertThat(client.apply(new Request("cas", "d0", List.of(9L, "w0-2")))).isEqualTo(Outcome.ok(false));
        assertThat(client.apply(new Request("delete-if", "d0", 9L))).isEqualTo(Outcome.ok(false));
        assertThat(client.apply(new Request("cas", "d0", List.of(1L, "w0-3"))).value()).isNotEqualTo(false);
    }
}
