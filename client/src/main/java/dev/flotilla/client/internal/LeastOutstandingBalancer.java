package dev.flotilla.client.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each choice takes the candidate with the fewest requests in flight from this client; ties go to the next
 * candidate in turn, so idle nodes share the load evenly. A slow node accumulates requests in flight and is
 * chosen less (Envoy's and Finagle's "least loaded").
 */
final class LeastOutstandingBalancer implements Balancer {
    private final AtomicLong next = new AtomicLong();

    @Override
    public Endpoint choose(List<Endpoint> candidates) {
        int size = candidates.size();
        int start = (int) Math.floorMod(next.getAndIncrement(), (long) size);
        Endpoint best = null;
        for (int i = 0; i < size; i++) {
            Endpoint e = candidates.get((start + i) % size);
            if (best == null || e.outstanding() < best.outstanding()) {
                best = e;
            }
        }
        return best;
    }
}
