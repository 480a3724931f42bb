package dev.flotilla.grid.idempotency;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.flotilla.grid.idempotency.IdempotencyStore.StoredRecord;

import java.io.IOException;
import java.util.Map;

/**
 * Removes a record only while it is still the "in progress" marker of one claim (decoded: state and claim id), in
 * one step on the partition thread. A record that claim already completed stays, so its response keeps being
 * replayed. Returns whether it removed the record.
 */
public final class ReleaseProcessor implements EntryProcessor<String, String, Boolean>, DataSerializable {
    private String claimId;

    /** For deserialisation. */
    public ReleaseProcessor() {
    }

    ReleaseProcessor(String claimId) {
        this.claimId = claimId;
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        StoredRecord current = StoredRecord.parseOrNull(entry.getValue());
        if (current == null || !current.isMarkerOf(claimId)) {
            return false;
        }
        entry.setValue(null);
        return true;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(claimId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        claimId = in.readString();
    }
}
