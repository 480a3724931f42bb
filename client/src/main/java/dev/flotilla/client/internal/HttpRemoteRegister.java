package dev.flotilla.client.internal;

import dev.flotilla.client.RemoteRegister;
import dev.flotilla.client.protocol.RegisterCompareAndSetRequest;
import dev.flotilla.client.protocol.RegisterCompareAndSetResult;
import dev.flotilla.client.protocol.RegisterView;
import dev.flotilla.client.protocol.RegisterWriteRequest;

/** {@link RemoteRegister} over {@code /registers/{namespace}/{key}}. */
record HttpRemoteRegister(GuaranteePath path, HttpFlotillaClient client) implements RemoteRegister {

    private static String segment(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return "/" + Paths.encode(key);
    }

    @Override
    public Long read(String key) {
        return HttpFlotillaClient.await(client.get(path.read(segment(key)), RegisterView.class, true)).value();
    }

    @Override
    public void write(String key, long value) {
        HttpFlotillaClient.await(client.lockingWrite("PUT", path.at(segment(key)),
                new RegisterWriteRequest(path.mode(), value), RegisterView.class, true));
    }

    @Override
    public boolean compareAndSet(String key, Long expected, long newValue) {
        return HttpFlotillaClient.await(client.lockingWrite("POST", path.at(segment(key) + "/cas"),
                new RegisterCompareAndSetRequest(path.mode(), expected, newValue), RegisterCompareAndSetResult.class,
                true)).applied();
    }
}
