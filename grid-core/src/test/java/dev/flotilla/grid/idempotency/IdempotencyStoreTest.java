package dev.flotilla.grid.idempotency;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.fixture.GridCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class IdempotencyStoreTest {
    private static GridCluster cluster;
    private static Grid grid;
    private static IdempotencyStore store;

    @BeforeAll
    static void startMember() {
        cluster = GridCluster.create();
        grid = cluster.startMember();
        store = IdempotencyStore.of(grid, Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static String freshKey() {
        return UUID.randomUUID().toString();
    }

    @Test
    void claim_freeKey_claimed() {
        Claim claim = store.claim(freshKey(), "PUT /maps/a/k #1").join();

        assertThat(claim.kind()).isEqualTo(Claim.Kind.CLAIMED);
        assertThat(claim.response()).isNull();
    }

    @Test
    void claim_afterComplete_replaysResponse() {
        String key = freshKey();
        Claim first = store.claim(key, "f").join();
        StoredResponse response = new StoredResponse(201, "application/json", "\"1\"", "/maps/a/k", "{\"version\":1}");
        store.complete(first, response).join();

        Claim second = store.claim(key, "f").join();

        assertThat(second.kind()).isEqualTo(Claim.Kind.COMPLETED);
        assertThat(second.response()).isEqualTo(response);
    }

    @Test
    void claim_whileInProgress_inProgress() {
        String key = freshKey();
        store.claim(key, "f").join();

        assertThat(store.claim(key, "f").join().kind()).isEqualTo(Claim.Kind.IN_PROGRESS);
    }

    @Test
    void claim_differentFingerprint_keyReused() {
        String key = freshKey();
        store.complete(store.claim(key, "PUT /maps/a/k #1").join(), new StoredResponse(200, null, null, null, null)).join();

        assertThat(store.claim(key, "PUT /maps/a/k #2").join().kind()).isEqualTo(Claim.Kind.KEY_REUSED);
    }

    @Test
    void claim_afterRelease_claimedAgain() {
        String key = freshKey();
        store.release(store.claim(key, "f").join()).join();

        assertThat(store.claim(key, "f").join().kind()).isEqualTo(Claim.Kind.CLAIMED);
    }

    @Test
    void claim_twentyConcurrentSameKey_exactlyOneClaimed() throws Exception {
        String key = freshKey();
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            // Every thread waits at the gate, so the twenty claims really are submitted at the same moment.
            CyclicBarrier gate = new CyclicBarrier(callers);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                claims.add(pool.submit(() -> {
                    gate.await(30, TimeUnit.SECONDS);
                    return store.claim(key, "f").join();
                }));
            }
            List<Claim.Kind> kinds = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                kinds.add(claim.get(30, TimeUnit.SECONDS).kind());
            }

            assertThat(kinds).filteredOn(k -> k == Claim.Kind.CLAIMED).hasSize(1);
            assertThat(kinds).filteredOn(k -> k == Claim.Kind.IN_PROGRESS).hasSize(callers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claim_sameClaimIdTwice_recognisedAsOwnRetriedClaim() {
        // What Hazelcast does when a claim meets a migrating partition: the same operation runs again.
        String key = freshKey();
        String claimId = UUID.randomUUID().toString();
        Claim first = store.claim(key, "f", claimId).join();

        Claim retried = store.claim(key, "f", claimId).join();

        assertThat(first.kind()).isEqualTo(Claim.Kind.CLAIMED);
        assertThat(retried.kind()).isEqualTo(Claim.Kind.CLAIMED);
        assertThat(retried.claimId()).isEqualTo(claimId);
        assertThat(store.claim(key, "f").join().kind()).isEqualTo(Claim.Kind.IN_PROGRESS);
    }

    @Test
    void release_afterComplete_keepsTheStoredResponse() {
        String key = freshKey();
        Claim claim = store.claim(key, "f").join();
        StoredResponse response = new StoredResponse(200, "application/json", "\"3\"", null, "{\"version\":3}");
        store.complete(claim, response).join();

        store.release(claim).join();

        Claim retry = store.claim(key, "f").join();
        assertThat(retry.kind()).isEqualTo(Claim.Kind.COMPLETED);
        assertThat(retry.response()).isEqualTo(response);
    }

    @Test
    void release_otherClaimsMarker_keepsIt() {
        IdempotencyStore shortWindow = IdempotencyStore.of(grid, Duration.ofSeconds(1));
        String key = freshKey();
        Claim expired = shortWindow.claim(key, "f").join();
        Claim current = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.claim(key, "f").join(), c -> c.kind() == Claim.Kind.CLAIMED);

        shortWindow.release(expired).join();

        assertThat(store.claim(key, "f").join().kind()).isEqualTo(Claim.Kind.IN_PROGRESS);
        assertThat(current.claimId()).isNotEqualTo(expired.claimId());
    }

    @Test
    void complete_twice_keepsTheFirstResponse() {
        String key = freshKey();
        Claim claim = store.claim(key, "f").join();
        StoredResponse first = new StoredResponse(201, null, "\"1\"", "/maps/a/k", null);
        store.complete(claim, first).join();

        store.complete(claim, new StoredResponse(500, null, null, null, null)).join();

        assertThat(store.claim(key, "f").join().response()).isEqualTo(first);
    }

    @Test
    void complete_afterMarkerExpiredAndKeyClaimedAgain_leavesTheNewMarker() {
        IdempotencyStore shortWindow = IdempotencyStore.of(grid, Duration.ofSeconds(1));
        String key = freshKey();
        Claim expired = shortWindow.claim(key, "f").join();
        // The first marker's window ends; a second request claims the key (with the long window).
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.claim(key, "f").join().kind() == Claim.Kind.CLAIMED);

        shortWindow.complete(expired, new StoredResponse(200, null, null, null, null)).join();

        assertThat(store.claim(key, "f").join().kind()).isEqualTo(Claim.Kind.IN_PROGRESS);
    }

    @Test
    void claim_afterWindow_claimedAgain() {
        IdempotencyStore shortWindow = IdempotencyStore.of(grid, Duration.ofSeconds(1));
        String key = freshKey();
        shortWindow.complete(shortWindow.claim(key, "f").join(), new StoredResponse(204, null, null, null, null)).join();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> shortWindow.claim(key, "f").join().kind() == Claim.Kind.CLAIMED);
    }

    @Test
    void complete_notClaimed_refused() {
        String key = freshKey();
        store.claim(key, "f").join();
        Claim inProgress = store.claim(key, "f").join();

        assertThatThrownBy(() -> store.complete(inProgress, new StoredResponse(200, null, null, null, null)))
                .isInstanceOf(GridException.class);
    }

    @Test
    void of_windowOutOfRange_refused() {
        assertThatThrownBy(() -> IdempotencyStore.of(grid, Duration.ZERO)).isInstanceOf(GridException.class)
                .hasMessageContaining("window");
    }
}
