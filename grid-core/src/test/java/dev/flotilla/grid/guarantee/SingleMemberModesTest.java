package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.fixture.GridCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Queue;
import java.util.UUID;

import static dev.flotilla.grid.guarantee.FamilyChecks.ACCOUNTS;
import static dev.flotilla.grid.guarantee.FamilyChecks.OPENING_BALANCE;
import static dev.flotilla.grid.guarantee.FamilyChecks.assertDefinite;
import static dev.flotilla.grid.guarantee.FamilyChecks.total;
import static org.assertj.core.api.Assertions.assertThat;

/** Every mode but {@code cp} (which needs 3 CP members) on one member without CP members, without faults. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleMemberModesTest {
    private static final int THREADS = 4;

    private final GridCluster cluster = GridCluster.create();
    private Grid grid;

    @BeforeAll
    void startMember() {
        grid = cluster.startMember();
    }

    @AfterEach
    void checkHealthy() {
        cluster.assertHealthy();
    }

    @AfterAll
    void checkAndStop() {
        try {
            cluster.assertHealthy();
        } finally {
            cluster.close();
        }
    }

    private Guarantees fresh(GuaranteeMode mode) {
        return Guarantees.of(mode, grid, "t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = "CP", mode = EnumSource.Mode.EXCLUDE)
    void transfer_enoughBalance_movesMoneyAndKeepsTotal(GuaranteeMode mode) {
        FamilyChecks.transferMovesMoneyAndKeepsTotal(fresh(mode));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = "CP", mode = EnumSource.Mode.EXCLUDE)
    void transfer_refusedArguments_definiteAndNothingMoves(GuaranteeMode mode) {
        FamilyChecks.transferRefusalsAreDefiniteAndMoveNothing(fresh(mode));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = "CP", mode = EnumSource.Mode.EXCLUDE)
    void register_readWriteCas_behavesAsRegister(GuaranteeMode mode) {
        FamilyChecks.registerReadsWritesAndComparesAndSets(fresh(mode));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = "CP", mode = EnumSource.Mode.EXCLUDE)
    void set_addsIncludingDuplicates_readAllReturnsEachOnce(GuaranteeMode mode) {
        FamilyChecks.setKeepsEveryAddedElement(fresh(mode));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = "CP", mode = EnumSource.Mode.EXCLUDE)
    void counter_increments_sumUp(GuaranteeMode mode) {
        FamilyChecks.counterSumsIncrements(fresh(mode));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"LOCKED", "TX_ONE_PHASE", "TX_TWO_PHASE", "CP_UNSAFE"})
    void transfer_concurrentWithoutFaults_totalConservedInEverySnapshot(GuaranteeMode mode) throws Exception {
        Guarantees g = fresh(mode);

        Queue<Long> snapshotTotals = FamilyChecks.concurrentTransfers(g, THREADS, 250);

        assertThat(total(g.accounts().balances(ACCOUNTS))).isEqualTo(ACCOUNTS.size() * OPENING_BALANCE);
        assertThat(snapshotTotals).isNotEmpty().containsOnly(ACCOUNTS.size() * OPENING_BALANCE);
    }

    @Test
    void transfer_atomicKeyConcurrentWithoutFaults_finalTotalConserved() throws Exception {
        Guarantees g = fresh(GuaranteeMode.ATOMIC_KEY);

        Queue<Long> snapshotTotals = FamilyChecks.concurrentTransfers(g, THREADS, 250);

        // Each step is atomic and both steps complete, so the final total holds. Snapshots are not atomic (a getAll
        // reads key by key), so one may catch a transfer half done, in either direction: not asserted, only shown.
        assertThat(total(g.accounts().balances(ACCOUNTS))).isEqualTo(ACCOUNTS.size() * OPENING_BALANCE);
        System.out.printf("atomic-key: %d of %d snapshots saw another total%n",
                snapshotTotals.stream().filter(t -> t != ACCOUNTS.size() * OPENING_BALANCE).count(), snapshotTotals.size());
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"ATOMIC_KEY", "LOCKED", "TX_ONE_PHASE", "TX_TWO_PHASE", "CP_UNSAFE"})
    void counter_concurrentIncrementsWithoutFaults_noneLost(GuaranteeMode mode) throws Exception {
        assertThat(FamilyChecks.concurrentIncrements(fresh(mode), THREADS, 500)).isEqualTo(THREADS * 500L);
    }

    @Test
    void counter_unsafeConcurrentIncrements_loseUpdates() throws Exception {
        int perThread = 2_000;

        long finalCount = FamilyChecks.concurrentIncrements(fresh(GuaranteeMode.UNSAFE), THREADS, perThread);

        long attempted = (long) THREADS * perThread;
        System.out.printf("unsafe: %d of %d increments survived (%.1f%% lost)%n",
                finalCount, attempted, 100.0 * (attempted - finalCount) / attempted);
        // Measured here: 57-69% of the increments lost in every run (docs/guarantees.md), so "some lost" is no gamble.
        assertThat(finalCount).isPositive().isLessThan(attempted);
    }

    @Test
    void transfer_unsafeConcurrent_balancesStayNonNegativeTotalDrifts() throws Exception {
        Guarantees g = fresh(GuaranteeMode.UNSAFE);

        FamilyChecks.concurrentTransfers(g, THREADS, 250);

        long total = total(g.accounts().balances(ACCOUNTS));
        System.out.printf("unsafe: bank total after concurrent transfers %d (expected %d)%n",
                total, ACCOUNTS.size() * OPENING_BALANCE);
        // The total drifts either way from run to run (1,808 to 10,413 measured): only what a stale read cannot
        // break is asserted, no balance below zero.
        assertThat(g.accounts().balances(ACCOUNTS).values()).allSatisfy(b -> assertThat(b).isNotNegative());
    }

    @Test
    void of_cpModeWithoutCpMembers_rejectedDefinitely() {
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> Guarantees.of(GuaranteeMode.CP, grid, "ns"));
    }

    @Test
    void of_badNamespace_rejectedDefinitely() {
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> Guarantees.of(GuaranteeMode.UNSAFE, grid, "_hidden"));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> Guarantees.of(GuaranteeMode.UNSAFE, grid, "a".repeat(49)));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> Guarantees.of(GuaranteeMode.UNSAFE, grid, null));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> Guarantees.of(null, grid, "ns"));
    }

    @Test
    void mapNames_namespace_namesTheFourMaps() {
        assertThat(Guarantees.mapNames("lab-1")).containsExactly("lab-1.bank", "lab-1.register", "lab-1.set", "lab-1.counter");
    }
}
