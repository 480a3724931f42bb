package dev.flotilla.client.internal;

import dev.flotilla.client.RemoteRegister;
import dev.flotilla.client.protocol.RegisterCompareAndSetRequest;
import dev.flotilla.client.protocol.RegisterCompareAndSetResult;
import dev.flotilla.client.protocol.RegisterView;
import dev.flotilla.client.protocol.RegisterWriteRequest;

/**
 * {@link RemoteRegister} over {@code /registers/{namespace}/{key}}. Under the map-based modes a register is the
 * entry of the plain key in the namespace's register map, so its requests are routed by the key; the CP modes keep
 * registers in Raft groups, which partitions do not place, so theirs are not.
 */
record HttpRemoteRegister(GuaranteePath path, HttpFlotillaClient client) implements RemoteRegister {

    /** The key to route by: the key itself, or null under a CP mode. */
    private String routing(String key) {
        return path.mode().startsWith("cp") ? null : key;
    }

    private static String segment(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return "/" + Paths.encode(key);
    }

    @Override
    public Long read(String key) {
        return HttpFlotillaClient.await(client.get(path.read(segment(key)), routing(key), RegisterView.class, true)).value();
    }

    @Override
    public void write(String key, long value) {
        HttpFlotillaClient.await(client.lockingWrite("PUT", path.at(segment(key)), routing(key),
                new RegisterWriteRequest(path.mode(), value), RegisterView.class, true));
    }

    @Override
    public boolean compareAndSet(String key, Long expected, long newValue) {
        return HttpFlotillaClient.await(client.lockingWrite("POST", path.at(segment(key) + "/cas"), routing(key),
                new RegisterCompareAndSetRequest(path.mode(), expected, newValue), RegisterCompareAndSetResult.class,
                true)).applied();
    }
}
