package dev.flotilla.grid.internal;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Creates Flotilla's entry processors and its merge policy when a member deserialises them; registered by
 * {@link HazelcastConfigMapper}.
 */
public final class GridSerialization implements DataSerializableFactory {
    /** Flotilla's factory id; must not clash with an application's own factories. */
    public static final int FACTORY_ID = 0x0F10;
    static final int VERSIONED_WRITE = 1;
    static final int VERSIONED_DELETE = 2;
    static final int UNION_MERGE_POLICY = 3;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case VERSIONED_WRITE -> new VersionedWrite();
            case VERSIONED_DELETE -> new VersionedDelete();
            case UNION_MERGE_POLICY -> new UnionMergePolicy<>();
            default -> throw new IllegalArgumentException("unknown Flotilla type id " + typeId);
        };
    }
}
