package dev.flotilla.bench.jmh;

import com.hazelcast.core.HazelcastJsonValue;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.UUID;

/**
 * One benchmark thread's own keys, a contiguous slice of the preloaded ones, with what that thread last wrote to
 * each: threads never race on a key, so every compare-and-set and {@code replace} succeeds and each operation
 * costs the same on every thread.
 */
@State(Scope.Thread)
public class KeySlice {
    int first;
    int size;
    /** The slot the current operation works on, and the one after it. */
    int slot;
    int next;
    /** The Flotilla version of each key of the slice, as this thread last saw it. */
    long[] versions;
    /** The raw value of each key of the slice, as this thread last wrote it. */
    HazelcastJsonValue[] rawValues;
    /** Which of the key's two documents is stored now. */
    int[] written;
    /** Idempotency keys: this prefix and a counter, never presented twice. */
    String idempotencyPrefix;
    long idempotencyCounter;

    @Setup(Level.Trial)
    public void setUp(LoadedMember member, ThreadParams thread) {
        take(member, thread.getThreadIndex(), thread.getThreadCount());
    }

    /** Takes slice {@code index} of {@code count} and reads its current versions and values. */
    void take(LoadedMember member, int index, int count) {
        size = member.keys.length / count;
        first = index * size;
        next = 0;
        versions = new long[size];
        rawValues = new HazelcastJsonValue[size];
        written = new int[size];
        for (int i = 0; i < size; i++) {
            String key = member.keys[first + i];
            versions[i] = member.flotilla.get(key).orElseThrow().version();
            rawValues[i] = member.raw.get(key);
            written[i] = member.documents[first + i][0].equals(rawValues[i].getValue()) ? 0 : 1;
        }
        idempotencyPrefix = "jmh-" + UUID.randomUUID() + "-";
        idempotencyCounter = 0;
    }

    /** Moves to the next key of the slice, round robin; returns its key. */
    String advance(LoadedMember member) {
        slot = next;
        next = slot + 1 == size ? 0 : slot + 1;
        return member.keys[first + slot];
    }

    /** The next operation works on {@code slot}. */
    void aim(int slotToUse) {
        next = slotToUse;
    }

    /** The current key's other document (the one not stored now), marked as stored. */
    String flip(LoadedMember member) {
        written[slot] ^= 1;
        return member.documents[first + slot][written[slot]];
    }

    String nextIdempotencyKey() {
        return idempotencyPrefix + idempotencyCounter++;
    }
}
