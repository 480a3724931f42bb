package dev.flotilla.grid.internal.store;

import com.hazelcast.map.MapLoader;
import com.hazelcast.map.MapStoreFactory;

import java.util.Properties;

/** Gives Hazelcast the store of each persistent map, all on one member's database. */
public final class StoreFactory implements MapStoreFactory<String, Object> {
    private final StoreDatabase database;

    public StoreFactory(StoreDatabase database) {
        this.database = database;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MapLoader newMapStore(String mapName, Properties properties) {
        return database.table(mapName);
    }
}
