package dev.flotilla.bench.jmh;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.idempotency.IdempotencyStore;
import dev.flotilla.grid.map.VersionedMap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One embedded member (loopback, random cluster name, joining no one) with {@value #KEYS} keys of
 * {@value #DOCUMENT_CHARS}-character documents preloaded twice: in a Flotilla versioned map and, as the document
 * alone, in a plain IMap of the same member, so each Flotilla operation runs beside the raw one it wraps.
 */
@State(Scope.Benchmark)
public class LoadedMember {
    static final int KEYS = 10_000;
    static final int DOCUMENT_CHARS = 100;
    static final String FLOTILLA_MAP = "jmh-flotilla";
    static final String RAW_MAP = "jmh-raw";

    Grid grid;
    VersionedMap flotilla;
    IMap<String, HazelcastJsonValue> raw;
    IdempotencyStore idempotency;
    final String[] keys;
    /** Two documents per key, so that a write or a compare-and-set always changes the value. */
    final String[][] documents;

    public LoadedMember() {
        this(KEYS);
    }

    /** With fewer keys, for the test that runs each benchmark once. */
    LoadedMember(int keyCount) {
        keys = new String[keyCount];
        documents = new String[keyCount][2];
    }

    @Setup(Level.Trial)
    public void start() {
        grid = Grid.start(LoopbackProfile.builder("jmh-" + UUID.randomUUID())
                .port(LoopbackProfile.freePort())
                .build());
        flotilla = grid.map(FLOTILLA_MAP);
        raw = grid.hazelcast().getMap(RAW_MAP);
        idempotency = IdempotencyStore.of(grid, IdempotencyStore.DEFAULT_WINDOW);
        Map<String, String> flotillaBatch = new LinkedHashMap<>();
        Map<String, HazelcastJsonValue> rawBatch = new LinkedHashMap<>();
        int count = keys.length;
        for (int i = 0; i < count; i++) {
            keys[i] = String.format("key-%05d", i);
            documents[i][0] = Documents.ofLength(DOCUMENT_CHARS, i);
            documents[i][1] = Documents.ofLength(DOCUMENT_CHARS, i + count);
            flotillaBatch.put(keys[i], documents[i][0]);
            rawBatch.put(keys[i], new HazelcastJsonValue(documents[i][0]));
            if (flotillaBatch.size() == 1000 || i == count - 1) {
                flotilla.putAll(flotillaBatch);
                raw.putAll(rawBatch);
                flotillaBatch.clear();
                rawBatch.clear();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        grid.close();
    }
}
