package dev.flotilla.grid.idempotency;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Removes a record only while it is still the marker of one claim, in one step on the partition thread. Returns
 * whether it removed it.
 */
public final class ReleaseProcessor implements EntryProcessor<String, String, Boolean>, DataSerializable {
    private String claimField;

    /** For deserialisation. */
    public ReleaseProcessor() {
    }

    ReleaseProcessor(String claimId) {
        this.claimField = "\"claimId\":\"" + claimId + "\"";
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        String current = entry.getValue();
        if (current == null || !current.contains(claimField)) {
            return false;
        }
        entry.setValue(null);
        return true;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(claimField);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        claimField = in.readString();
    }
}
