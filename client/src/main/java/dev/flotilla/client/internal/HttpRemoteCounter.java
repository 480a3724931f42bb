package dev.flotilla.client.internal;

import dev.flotilla.client.RemoteCounter;
import dev.flotilla.client.protocol.CounterIncrementRequest;
import dev.flotilla.client.protocol.CounterView;

/** {@link RemoteCounter} over {@code /counters/{namespace}}. */
record HttpRemoteCounter(GuaranteePath path, HttpFlotillaClient client) implements RemoteCounter {

    @Override
    public long incrementBy(long delta) {
        return HttpFlotillaClient.await(client.lockingWrite("POST", path.at(""),
                new CounterIncrementRequest(path.mode(), delta), CounterView.class, true)).value();
    }

    @Override
    public long read() {
        return HttpFlotillaClient.await(client.get(path.read(""), CounterView.class, true)).value();
    }
}
