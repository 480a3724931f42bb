package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Deletes an entry, optionally only at an expected version.
 *
 * <p>Result: the deleted version (at least 1); 0 when absent; minus the current version on a mismatch.
 */
final class VersionedDelete implements EntryProcessor<String, HazelcastJsonValue, Long>, IdentifiedDataSerializable {
    private long expectedVersion;

    VersionedDelete() {
    }

    VersionedDelete(long expectedVersion) {
        this.expectedVersion = expectedVersion;
    }

    @Override
    public Long process(Map.Entry<String, HazelcastJsonValue> entry) {
        long current = Envelope.version(entry.getValue());
        if (current == 0) {
            return 0L;
        }
        if (expectedVersion != VersionedWrite.ANY_VERSION && expectedVersion != current) {
            return -current;
        }
        entry.setValue(null);
        return current;
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridSerialization.VERSIONED_DELETE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(expectedVersion);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        expectedVersion = in.readLong();
    }
}
