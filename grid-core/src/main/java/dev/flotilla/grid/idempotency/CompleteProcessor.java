package dev.flotilla.grid.idempotency;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.flotilla.grid.idempotency.IdempotencyStore.StoredRecord;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replaces one claim's "in progress" marker with its completed record (with a fresh time to live), in one step on
 * the partition thread; leaves any other record alone (another claim's marker or record, or this claim's record
 * already completed). Returns whether it stored the record. The same processor runs on the backups, where it
 * reaches the same decision from the same replicated state.
 */
public final class CompleteProcessor implements EntryProcessor<String, String, Boolean>, DataSerializable {
    private String claimId;
    private String record;
    private long ttlMillis;

    /** For deserialisation. */
    public CompleteProcessor() {
    }

    CompleteProcessor(String claimId, String record, long ttlMillis) {
        this.claimId = claimId;
        this.record = record;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        StoredRecord current = StoredRecord.parseOrNull(entry.getValue());
        if (current == null || !current.isMarkerOf(claimId)) {
            return false;
        }
        ((ExtendedMapEntry<String, String>) entry).setValue(record, ttlMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(claimId);
        out.writeString(record);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        claimId = in.readString();
        record = in.readString();
        ttlMillis = in.readLong();
    }
}
