package dev.flotilla.bench.jmh;

import com.hazelcast.core.HazelcastJsonValue;
import dev.flotilla.grid.idempotency.Claim;
import dev.flotilla.grid.idempotency.IdempotencyStore;
import dev.flotilla.grid.map.Versioned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmark method once on a real member, Flotilla and raw side by side: the setups work, and both variants
 * read or write the same document, so a benchmark cannot silently measure something else.
 */
@Timeout(60)
class HotPathBenchmarksTest {
    private static LoadedMember member;
    private final MapOperations operations = new MapOperationsOneThread();
    private KeySlice slice;

    @BeforeAll
    static void start() {
        member = new LoadedMember(1000);
        member.start();
    }

    @AfterAll
    static void stop() {
        if (member != null) {
            member.stop();
        }
    }

    @BeforeEach
    void takeSlice() {
        slice = new KeySlice();
        slice.take(member, 0, 1);
    }

    @Test
    void setUp_preloaded_everyKeyInBothMapsWithItsDocument() {
        assertThat(member.flotilla.localOwnedEntryCount()).isEqualTo(member.keys.length);
        assertThat(member.raw.size()).isEqualTo(member.keys.length);
        assertThat(member.documents[0][0]).hasSize(LoadedMember.DOCUMENT_CHARS);
        assertThat(Documents.ofLength(10 * 1024, 1)).hasSize(10 * 1024);
        assertThat(slice.size).isEqualTo(member.keys.length);
    }

    @Test
    void reads_sameKey_flotillaAndRawReturnTheSameDocument() {
        int slot = 10;
        String stored = member.documents[slot][slice.written[slot]];
        assertThat(read(slot, () -> operations.flotillaGetAsync(member, slice)).map(Versioned::json)).contains(stored);
        assertThat(read(slot, () -> operations.flotillaGet(member, slice)).map(Versioned::json)).contains(stored);
        assertThat(read(slot, () -> operations.rawGetAsync(member, slice)).getValue()).isEqualTo(stored);
        assertThat(read(slot, () -> operations.rawGet(member, slice)).getValue()).isEqualTo(stored);
    }

    @Test
    void writes_sameKey_flotillaAndRawStoreTheSameDocument() {
        int slot = 20;
        String key = member.keys[slot];
        Versioned next = nextWrite(slot);

        assertThat(write(slot, () -> operations.flotillaPutAsync(member, slice))).isEqualTo(next.version());
        assertThat(member.flotilla.get(key)).contains(next);
        assertThat(write(slot, () -> operations.rawSubmitToKey(member, slice))).isTrue();
        assertThat(member.raw.get(key).getValue()).isEqualTo(next.json());
        HazelcastJsonValue old = member.raw.get(key);
        assertThat(write(slot, () -> operations.rawPutAsync(member, slice))).isEqualTo(old);
        assertThat(write(slot, () -> operations.rawPut(member, slice))).isEqualTo(old);
        assertThat(write(slot, () -> operations.rawSetAsync(member, slice))).isNull();
        assertThat(member.raw.get(key).getValue()).isEqualTo(next.json());
    }

    @Test
    void compareAndSet_ownSlice_flotillaAndRawBothSucceedEveryTime() {
        int slot = 30;
        String key = member.keys[slot];
        for (int i = 1; i <= 2; i++) {
            Versioned next = nextWrite(slot);
            assertThat(write(slot, () -> operations.flotillaCompareAndSet(member, slice))).isEqualTo(next.version());
            slice.aim(slot);
            assertThat(operations.rawReplace(member, slice)).isTrue();
            assertThat(member.flotilla.get(key)).contains(next);
            assertThat(member.raw.get(key).getValue()).isEqualTo(next.json());
        }
    }

    @Test
    void idempotentPut_freshKey_writesAndRecordsTheOutcome() {
        int slot = 40;
        String key = member.keys[slot];
        Versioned next = nextWrite(slot);
        String idempotencyKey = slice.idempotencyPrefix + slice.idempotencyCounter;

        assertThat(write(slot, () -> operations.flotillaIdempotentPut(member, slice))).isEqualTo(next.version());
        assertThat(member.flotilla.get(key)).contains(next);
        Claim again = member.idempotency.claim(idempotencyKey, MapOperations.fingerprint(key)).join();
        assertThat(again.kind()).isEqualTo(Claim.Kind.COMPLETED);
        assertThat(member.grid.hazelcast().getMap(IdempotencyStore.MAP_NAME).containsKey(idempotencyKey)).isTrue();
    }

    @Test
    void envelopeAndValidation_roundTrip_givesTheDocumentBack() {
        EnvelopeAndValidation cpu = new EnvelopeAndValidation();
        assertThat(cpu.envelopeDocument()).isEqualTo(cpu.small);
        assertThat(cpu.envelopeVersion()).isEqualTo(41);
        assertThat(cpu.envelopeOperationId()).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(cpu.envelopeWrap().getValue()).startsWith("{\"version\":42,").contains(cpu.small);
        assertThat(cpu.validate100Bytes()).isSameAs(cpu.small);
        assertThat(cpu.validate10Kilobytes()).isSameAs(cpu.large);
    }

    /** What the next write of {@code slot} stores in the Flotilla map: the slot's other document, one version up. */
    private Versioned nextWrite(int slot) {
        return new Versioned(member.documents[slot][slice.written[slot] ^ 1],
                member.flotilla.get(member.keys[slot]).orElseThrow().version() + 1);
    }

    /** Reads {@code slot} through a benchmark method. */
    private <T> T read(int slot, java.util.function.Supplier<T> benchmark) {
        slice.aim(slot);
        return benchmark.get();
    }

    /**
     * Writes {@code slot} through a benchmark method, then marks the slot's earlier document as stored again, so
     * the next variant writes the same document as this one did.
     */
    private <T> T write(int slot, java.util.function.Supplier<T> benchmark) {
        slice.aim(slot);
        T result = benchmark.get();
        slice.written[slot] ^= 1;
        return result;
    }
}
