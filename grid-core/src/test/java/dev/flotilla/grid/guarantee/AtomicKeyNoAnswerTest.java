package dev.flotilla.grid.guarantee;

import com.hazelcast.cluster.Member;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.internal.MemberLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When an atomic-key "no" answer is trusted: with real member sets of a real cluster before and after a crash. */
@Timeout(120)
class AtomicKeyNoAnswerTest {

    @Test
    void casMismatch_noMemberLeft_staysDefiniteFalse() {
        try (GridCluster cluster = GridCluster.create()) {
            List<Grid> members = cluster.startMembers(2);
            Guarantees g = Guarantees.of(GuaranteeMode.ATOMIC_KEY, members.get(0), "t-" + UUID.randomUUID().toString().substring(0, 8));
            assertThat(g.register().compareAndSet("k", null, 1)).isTrue();
            assertThat(g.register().compareAndSet("k", 7L, 2)).isFalse();
            assertThat(g.register().compareAndSet("k", null, 3)).isFalse();
            assertThat(g.register().read("k")).isEqualTo(1L);
        }
    }

    @Test
    void memberLoss_crashDuringCall_isSeen_joinIsNot() {
        try (GridCluster cluster = GridCluster.create()) {
            List<Grid> members = cluster.startMembers(2);
            var local = members.get(0).hazelcast().getCluster();
            Set<Member> before = MemberLoss.snapshot(local);
            assertThat(MemberLoss.anyLeft(before, MemberLoss.snapshot(local))).isFalse();

            cluster.startMember();
            cluster.awaitMembers(3);
            assertThat(MemberLoss.anyLeft(before, MemberLoss.snapshot(local))).isFalse();

            cluster.terminate(members.get(1));
            cluster.awaitMembers(2);
            assertThat(MemberLoss.anyLeft(before, MemberLoss.snapshot(local))).isTrue();
        }
    }
}
