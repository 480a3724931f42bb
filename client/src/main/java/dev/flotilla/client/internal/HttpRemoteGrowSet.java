package dev.flotilla.client.internal;

import dev.flotilla.client.RemoteGrowSet;
import dev.flotilla.client.protocol.GrowSetAddRequest;
import dev.flotilla.client.protocol.GrowSetAddResult;
import dev.flotilla.client.protocol.GrowSetView;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** {@link RemoteGrowSet} over {@code /sets/{namespace}}. */
record HttpRemoteGrowSet(GuaranteePath path, HttpFlotillaClient client) implements RemoteGrowSet {

    @Override
    public void add(long element) {
        HttpFlotillaClient.await(client.lockingWrite("POST", path.at(""), new GrowSetAddRequest(path.mode(), element),
                GrowSetAddResult.class, true));
    }

    @Override
    public SortedSet<Long> readAll() {
        GrowSetView view = HttpFlotillaClient.await(client.get(path.read(""), GrowSetView.class, true));
        return Collections.unmodifiableSortedSet(new TreeSet<>(view.elements()));
    }
}
