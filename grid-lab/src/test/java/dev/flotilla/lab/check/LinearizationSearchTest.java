package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizationSearchTest {

    private static final long BUDGET_NANOS = 30_000_000_000L;

    private static RegisterHistory singleKey(History history) {
        List<Operation> ops = history.operations();
        return RegisterHistory.of(null, ops, RegisterModel.CAS_REGISTER);
    }

    @Test
    void search_memoTableFarTooSmall_stillFindsTheLinearization() {
        RegisterHistory h = singleKey(History.of(SyntheticHistories.casRegister(21, 3_000, 1, 6, 0.02, 4)));

        LinearizationSearch search = LinearizationSearch.run(h, RegisterModel.NULL_STATE, System.nanoTime(),
                BUDGET_NANOS, 2_000);

        assertThat(search.outcome()).isEqualTo(LinearizationSearch.Outcome.LINEARIZABLE);
        assertThat(search.memoResets()).isPositive();
    }

    @Test
    void search_memoTableFarTooSmall_stillRefutesAStaleRead() {
        // Refuting must exhaust the prefix, which without memoisation is exponential: keep it short.
        History history = History.of(SyntheticHistories.withStaleRead(SyntheticHistories.casRegister(22, 200, 1, 3, 0)));
        RegisterHistory h = singleKey(history);

        LinearizationSearch search = LinearizationSearch.run(h, RegisterModel.NULL_STATE, System.nanoTime(),
                BUDGET_NANOS, 2_000);

        assertThat(search.outcome()).isEqualTo(LinearizationSearch.Outcome.NOT_LINEARIZABLE);
        assertThat(search.memoResets()).isPositive();
    }

    @Test
    void registerHistory_infoWriteNobodyObserves_isDroppedBeforeSearch() {
        History history = GoldenHistories.load("register-bad-stale-read");

        RegisterHistory h = RegisterHistory.of(null, history.operations(), RegisterModel.REGISTER);

        // write 1, write 2, two reads; the info write of 3 is never read, so it cannot matter.
        assertThat(h.size).isEqualTo(4);
        assertThat(h.byReturn).hasSize(4);
    }

    @Test
    void registerHistory_infoWriteThatIsReadLater_isKeptAsAPendingCandidate() {
        History history = GoldenHistories.load("cas-register-info-write-late");

        RegisterHistory h = RegisterHistory.of("x", history.operations(), RegisterModel.CAS_REGISTER);

        assertThat(h.size).isEqualTo(5);
        assertThat(h.byReturn).hasSize(4);
        assertThat(h.complete[1]).isEqualTo(RegisterHistory.NEVER);
    }
}
