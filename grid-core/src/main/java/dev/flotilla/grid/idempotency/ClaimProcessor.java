package dev.flotilla.grid.idempotency;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Put-if-absent with a time to live, in one step on the partition thread: IMap has no asynchronous
 * {@code putIfAbsent}. Returns the record already there, or null when this marker was stored. The same processor
 * runs on the backups, where it reaches the same decision from the same replicated state.
 *
 * <p>{@link DataSerializable} (class name on the wire, no factory): grid-core's factory lives in its internal
 * package; this path runs once per idempotent write, not per read.
 */
public final class ClaimProcessor implements EntryProcessor<String, String, String>, DataSerializable {
    private String marker;
    private long ttlMillis;

    /** For deserialisation. */
    public ClaimProcessor() {
    }

    ClaimProcessor(String marker, long ttlMillis) {
        this.marker = marker;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
        String existing = entry.getValue();
        if (existing != null) {
            return existing;
        }
        ((ExtendedMapEntry<String, String>) entry).setValue(marker, ttlMillis, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(marker);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        marker = in.readString();
        ttlMillis = in.readLong();
    }
}
