package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.fixture.GridCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cp} keeps working when a minority of its CP members crashes. */
@Timeout(120)
class CpMinorityCrashTest {
    private final GridCluster cluster = GridCluster.create(CpMembers.threeCpMembers());

    @AfterEach
    void checkAndStop() {
        cluster.checkAndClose();
    }

    @Test
    void counter_nonLeaderCrashesUnderLoad_keepsCountingWithinBounds() throws Exception {
        List<Grid> members = cluster.startMembers(3);
        CpMembers.awaitCpDiscovery(members);
        Guarantees warmUp = Guarantees.of(GuaranteeMode.CP, members.get(0), "crash");
        warmUp.counter().incrementBy(1);
        Grid leader = CpMembers.defaultGroupLeader(members);
        Grid victim = members.stream().filter(g -> g != leader).findFirst().orElseThrow();
        Counter counter = Guarantees.of(GuaranteeMode.CP, leader, "crash").counter();

        AtomicLong acknowledged = new AtomicLong(1);
        AtomicLong attempted = new AtomicLong(1);
        AtomicLong indefinite = new AtomicLong();
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicLong afterCrash = new AtomicLong();
        ConcurrentRun.run(2, thread -> {
            if (thread == 1) {
                Awaitility.await("50 increments acknowledged before the crash").atMost(GridCluster.SETTLE)
                        .pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.get() >= 50);
                cluster.terminate(victim);
                crashed.set(true);
                return;
            }
            while (afterCrash.get() < 50) {
                attempted.incrementAndGet();
                try {
                    counter.incrementBy(1);
                    acknowledged.incrementAndGet();
                    if (crashed.get()) {
                        afterCrash.incrementAndGet();
                    }
                } catch (GridException e) {
                    assertThat(e.definite()).as("a CP failure mid-call is never definite here: %s", e).isFalse();
                    indefinite.incrementAndGet();
                }
            }
        });

        long value = counter.read();
        System.out.printf("cp minority crash: value %d, acknowledged %d, attempted %d, failed (indefinite) %d%n",
                value, acknowledged.get(), attempted.get(), indefinite.get());
        assertThat(value).isBetween(acknowledged.get(), attempted.get());
        assertThat(Guarantees.of(GuaranteeMode.CP, members.stream().filter(g -> g != leader && g != victim)
                .findFirst().orElseThrow(), "crash").counter().read()).isGreaterThanOrEqualTo(value);
    }
}
