package dev.flotilla.grid.map;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.internal.ClusterMapStatisticsTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class ClusterMapStatisticsTest {
    private static final int EXECUTOR_THREADS = 16;
    private static final AtomicInteger BLOCKERS_RUNNING = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(0);

    private final GridCluster cluster = GridCluster.create();

    @AfterEach
    void checkAndStop() {
        release.countDown();
        cluster.checkAndClose();
    }

    @Test
    void clusterMapStatistics_threeMembers_everyMemberAnswersAndSumsCountEachEntryOnce() {
        List<Grid> members = cluster.startMembers(3);
        members.get(0).map("orders").putAll(IntStream.range(0, 300).boxed()
                .collect(Collectors.toMap(i -> "o" + i, i -> "{\"n\":" + i + "}")));
        cluster.awaitSafe();

        ClusterMapStatistics stats = members.get(1).clusterMapStatistics(Duration.ofSeconds(10));

        assertThat(stats.missing()).isEmpty();
        assertThat(stats.members()).extracting(MemberMapStatistics::member).containsExactlyElementsOf(
                members.stream().map(g -> g.cluster().localMember().address()).toList());
        assertThat(stats.members()).extracting(MemberMapStatistics::ownedPartitions)
                .allSatisfy(owned -> assertThat(owned).isPositive());
        assertThat(stats.members().stream().mapToInt(MemberMapStatistics::ownedPartitions).sum()).isEqualTo(31);
        MapStatistics orders = stats.maps().stream().filter(m -> m.name().equals("orders")).findFirst().orElseThrow();
        assertThat(orders.ownedEntries()).isEqualTo(300);
        assertThat(orders.backupEntries()).isEqualTo(300);
        assertThat(orders.ownedEntryMemory()).isPositive();
        assertThat(orders.puts()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void clusterMapStatistics_memberTooBusyToAnswer_listedAsMissingByTheDeadline() {
        List<Grid> members = cluster.startMembers(2);
        members.get(0).map("orders").put("o1", "{}");
        Grid busy = members.get(1);
        Member busyMember = busy.hazelcast().getCluster().getLocalMember();
        release = new CountDownLatch(1);
        BLOCKERS_RUNNING.set(0);
        IExecutorService executor = members.get(0).hazelcast().getExecutorService(ClusterMapStatisticsTask.EXECUTOR);
        for (int i = 0; i < EXECUTOR_THREADS; i++) {
            executor.submitToMember(new Blocker(), busyMember);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> BLOCKERS_RUNNING.get() == EXECUTOR_THREADS);

        ClusterMapStatistics stats = members.get(0).clusterMapStatistics(Duration.ofMillis(500));

        assertThat(stats.missing()).containsExactly(busy.cluster().localMember().address());
        assertThat(stats.members()).extracting(MemberMapStatistics::member)
                .containsExactly(members.get(0).cluster().localMember().address());
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                members.get(0).clusterMapStatistics(Duration.ofSeconds(5)).missing().isEmpty());
    }

    @Test
    void localMapStatistics_afterTraffic_operationsPerSecondOverANonEmptyWindow() {
        Grid grid = cluster.startMember();
        VersionedMap orders = grid.map("orders");
        orders.put("o1", "{}");
        grid.localMapStatistics(); // the first sample: rates need an earlier count
        IntStream.range(0, 100).forEach(i -> orders.get("o1"));

        // Hazelcast counts an operation after answering it, so the last get may show up a moment later.
        AtomicReference<MemberMapStatistics> latest = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            latest.set(grid.localMapStatistics());
            return latest.get().maps().get(0).gets() == 100;
        });

        MemberMapStatistics stats = latest.get();
        assertThat(stats.windowSeconds()).isPositive();
        assertThat(stats.maps().get(0).operationsPerSecond()).isPositive();
    }

    /** Holds one executor thread of the member it runs on until the test releases it (all members share this JVM). */
    private static final class Blocker implements Callable<Boolean>, Serializable {
        @Override
        public Boolean call() throws InterruptedException {
            BLOCKERS_RUNNING.incrementAndGet();
            return release.await(60, TimeUnit.SECONDS);
        }
    }
}
