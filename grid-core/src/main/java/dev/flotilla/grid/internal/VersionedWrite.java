package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a document and bumps the version in one step on the partition thread, optionally only when the current
 * version is the expected one.
 *
 * <p>Result: the new version (at least 1) when written; otherwise minus the current version (0 when absent).
 * The same processor runs on backups, where it reaches the same decision from the same replicated state.
 *
 * <p>Each write carries a random operation id that it stores with the version. When the owner applied a write
 * and then crashed (or the partition moved) before answering, Hazelcast sends the same processor again to the new
 * owner, which already holds the write through its backup: the processor finds its own id and answers the
 * version it wrote instead of writing again. Without it, the retry would bump the version twice, or report a
 * version mismatch for a compare-and-set that succeeded. The check only sees the latest write of the key, so a
 * retry that arrives after another writer's write is applied again (see {@code VersionedMap}'s javadoc).
 */
final class VersionedWrite implements EntryProcessor<String, HazelcastJsonValue, Long>, IdentifiedDataSerializable {
    static final long ANY_VERSION = -1;

    private String document;
    private long expectedVersion;
    private long ttlMillis;
    private long operationId;

    VersionedWrite() {
    }

    VersionedWrite(String document, long expectedVersion, long ttlMillis) {
        this.document = document;
        this.expectedVersion = expectedVersion;
        this.ttlMillis = ttlMillis;
        this.operationId = Envelope.newOperationId();
    }

    @Override
    public Long process(Map.Entry<String, HazelcastJsonValue> entry) {
        HazelcastJsonValue existing = entry.getValue();
        long current = Envelope.version(existing);
        if (existing != null && Envelope.operationId(existing) == operationId) {
            return current;
        }
        if (expectedVersion != ANY_VERSION && expectedVersion != current) {
            return -current;
        }
        long next = current + 1;
        HazelcastJsonValue stored = Envelope.wrap(next, operationId, document);
        if (ttlMillis > 0) {
            ((ExtendedMapEntry<String, HazelcastJsonValue>) entry).setValue(stored, ttlMillis, TimeUnit.MILLISECONDS);
        } else {
            entry.setValue(stored);
        }
        return next;
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridSerialization.VERSIONED_WRITE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(document);
        out.writeLong(expectedVersion);
        out.writeLong(ttlMillis);
        out.writeLong(operationId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        document = in.readString();
        expectedVersion = in.readLong();
        ttlMillis = in.readLong();
        operationId = in.readLong();
    }
}
