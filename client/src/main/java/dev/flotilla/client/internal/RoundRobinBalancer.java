package dev.flotilla.client.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Each choice takes the next candidate in turn: over many requests, an even spread. */
final class RoundRobinBalancer implements Balancer {
    private final AtomicLong next = new AtomicLong();

    @Override
    public Endpoint choose(List<Endpoint> candidates) {
        return candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size()));
    }
}
