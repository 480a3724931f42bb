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

import java.util.List;
import java.util.Queue;
import java.util.UUID;

import static dev.flotilla.grid.guarantee.FamilyChecks.ACCOUNTS;
import static dev.flotilla.grid.guarantee.FamilyChecks.OPENING_BALANCE;
import static dev.flotilla.grid.guarantee.FamilyChecks.assertDefinite;
import static dev.flotilla.grid.guarantee.FamilyChecks.total;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code cp} on 3 CP members (short Raft timeouts), without faults. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CpModeTest {
    private final GridCluster cluster = GridCluster.create(CpMembers.threeCpMembers());
    private List<Grid> members;

    @BeforeAll
    void startMembers() {
        members = cluster.startMembers(3);
        CpMembers.awaitCpDiscovery(members);
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

    private Guarantees fresh(int member) {
        return Guarantees.of(GuaranteeMode.CP, members.get(member), "cp-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void transfer_enoughBalance_movesMoneyAndKeepsTotal() {
        FamilyChecks.transferMovesMoneyAndKeepsTotal(fresh(0));
    }

    @Test
    void transfer_refusedArguments_definiteAndNothingMoves() {
        FamilyChecks.transferRefusalsAreDefiniteAndMoveNothing(fresh(1));
    }

    @Test
    void register_readWriteCas_behavesAsRegister() {
        FamilyChecks.registerReadsWritesAndComparesAndSets(fresh(2));
    }

    @Test
    void register_keyWithAt_rejectedDefinitely() {
        assertDefinite(GridFailure.INVALID_KEY, () -> fresh(0).register().write("k@group", 1));
    }

    @Test
    void set_addsIncludingDuplicates_readAllReturnsEachOnce() {
        FamilyChecks.setKeepsEveryAddedElement(fresh(0));
    }

    @Test
    void counter_increments_sumUp() {
        FamilyChecks.counterSumsIncrements(fresh(1));
    }

    @Test
    void sameNamespace_otherMember_seesSameState() {
        Guarantees first = fresh(0);
        Guarantees second = Guarantees.of(GuaranteeMode.CP, members.get(2), first.namespace());

        first.counter().incrementBy(5);
        first.register().write("r", 3);

        assertThat(second.counter().read()).isEqualTo(5);
        assertThat(second.register().read("r")).isEqualTo(3L);
    }

    @Test
    void transfer_concurrentWithoutFaults_totalConservedInEverySnapshot() throws Exception {
        Guarantees g = fresh(0);

        Queue<Long> snapshotTotals = FamilyChecks.concurrentTransfers(g, 3, 60);

        assertThat(total(g.accounts().balances(ACCOUNTS))).isEqualTo(ACCOUNTS.size() * OPENING_BALANCE);
        assertThat(snapshotTotals).isNotEmpty().containsOnly(ACCOUNTS.size() * OPENING_BALANCE);
    }

    @Test
    void counter_concurrentIncrementsWithoutFaults_noneLost() throws Exception {
        assertThat(FamilyChecks.concurrentIncrements(fresh(1), 3, 100)).isEqualTo(300);
    }

    @Test
    void of_cpUnsafeOnGridWithCpMembers_rejectedDefinitely() {
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> Guarantees.of(GuaranteeMode.CP_UNSAFE, members.get(0), "ns"));
    }
}
