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
import java.util.concurrent.CompletableFuture;

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
    void claim_twentyConcurrentSameKey_exactlyOneClaimed() {
        String key = freshKey();
        List<CompletableFuture<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            claims.add(CompletableFuture.supplyAsync(() -> store.claim(key, "f").join()));
        }

        List<Claim.Kind> kinds = claims.stream().map(CompletableFuture::join).map(Claim::kind).toList();

        assertThat(kinds).filteredOn(k -> k == Claim.Kind.CLAIMED).hasSize(1);
        assertThat(kinds).filteredOn(k -> k == Claim.Kind.IN_PROGRESS).hasSize(19);
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
