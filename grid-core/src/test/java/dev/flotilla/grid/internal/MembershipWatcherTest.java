package dev.flotilla.grid.internal;

import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.Membership;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The expected-membership bookkeeping, fed the way Hazelcast's listeners feed it. */
class MembershipWatcherTest {
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private final UUID d = UUID.randomUUID();
    private final AtomicInteger live = new AtomicInteger(3);
    private final List<ClusterEvent> events = new ArrayList<>();
    private final MembershipWatcher watcher = new MembershipWatcher(events::add, m -> null, uuid -> true, live::get);

    @Test
    void left_withReplicas_reportsSeenAgainstExpected() {
        live.set(2);

        assertThat(watcher.left(Set.of(a, b), true)).contains(new Membership(2, 3));
        assertThat(watcher.membership()).isEqualTo(new Membership(2, 3));
        assertThat(watcher.membership().minority()).isFalse();
    }

    @Test
    void left_twoRemovalsOfOneUpdate_oneDetectionWhateverTheOrder() {
        live.set(1);

        assertThat(watcher.left(Set.of(a), true)).contains(new Membership(1, 3));
        assertThat(watcher.left(Set.of(a), true)).isEmpty();
        assertThat(watcher.membership().minority()).isTrue();
    }

    @Test
    void left_laterCrashAfterARejoin_detectedAgain() {
        live.set(2);
        watcher.left(Set.of(a, b), true);
        watcher.joined(3);

        assertThat(watcher.left(Set.of(a, b), true)).contains(new Membership(2, 3));
    }

    @Test
    void left_graceful_notReportedAndExpectedShrinks() {
        live.set(2);

        assertThat(watcher.left(Set.of(a, b), false)).isEmpty();
        assertThat(watcher.membership()).isEqualTo(new Membership(2, 2));
        live.set(1);
        assertThat(watcher.left(Set.of(a), true)).contains(new Membership(1, 2));
    }

    @Test
    void joined_growsExpectedToTheLargestMembership() {
        live.set(4);
        watcher.joined(4);
        live.set(3);

        assertThat(watcher.left(Set.of(a, b, c), true)).contains(new Membership(3, 4));
    }

    @Test
    void mergeEnded_merged_expectedStartsAgainAndRemovalsWhileMergingIgnored() {
        live.set(1);
        watcher.left(Set.of(c), true);
        watcher.mergeStarted();
        assertThat(watcher.left(Set.of(c), true)).isEmpty();

        assertThat(watcher.mergeEnded(true, 4)).isEqualTo(new Membership(4, 4));
        live.set(3);
        assertThat(watcher.left(Set.of(a, c, d), true)).contains(new Membership(3, 4));
    }

    @Test
    void mergeEnded_failed_keepsExpected() {
        live.set(1);
        watcher.mergeStarted();

        assertThat(watcher.mergeEnded(false, 1)).isEqualTo(new Membership(1, 3));
    }

    @Test
    void membership_oneMemberAlone_notMinority() {
        live.set(1);
        MembershipWatcher alone = new MembershipWatcher(events::add, m -> null, uuid -> true, live::get);

        assertThat(alone.membership()).isEqualTo(new Membership(1, 1));
        assertThat(alone.membership().minority()).isFalse();
        assertThat(new Membership(1, 2).minority()).isTrue();
    }
}
