package dev.flotilla.client.internal;

import dev.flotilla.client.EndpointState;
import dev.flotilla.client.EndpointStatus;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** One node as the client tracks it: its state in rotation, requests in flight and sent, recent failures. */
public final class Endpoint {
    /** Consecutive timeouts or dropped connections that eject a node without waiting for a probe. */
    static final int EJECT_AFTER_FAILURES = 3;

    private final URI uri;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private volatile EndpointState state = EndpointState.HEALTHY;
    private volatile String lastFailure;

    public Endpoint(URI uri) {
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }

    public EndpointState state() {
        return state;
    }

    public int outstanding() {
        return outstanding.get();
    }

    /** A request to this node starts. */
    void begin() {
        outstanding.incrementAndGet();
        requests.increment();
    }

    /** A request to this node ended; {@code answered} when the node sent any HTTP answer. */
    void end(boolean answered) {
        outstanding.decrementAndGet();
        if (answered) {
            consecutiveFailures.set(0);
            if (state == EndpointState.EJECTED) {
                state = EndpointState.HEALTHY; // it answered: back in rotation before the next probe
            }
        }
    }

    /** The connection was refused or could not be opened: out of rotation now. */
    void eject(String reason) {
        lastFailure = reason;
        state = EndpointState.EJECTED;
    }

    /** A timeout or a dropped connection: out of rotation after a few in a row. */
    void failed(String reason) {
        lastFailure = reason;
        if (consecutiveFailures.incrementAndGet() >= EJECT_AFTER_FAILURES) {
            state = EndpointState.EJECTED;
        }
    }

    /** A health probe's verdict. */
    void probed(EndpointState verdict, String reason) {
        if (verdict == EndpointState.EJECTED) {
            lastFailure = reason;
        } else {
            consecutiveFailures.set(0);
        }
        state = verdict;
    }

    EndpointStatus status() {
        return new EndpointStatus(uri, state, outstanding.get(), requests.sum(), lastFailure);
    }

    @Override
    public String toString() {
        return uri + " " + state;
    }
}
