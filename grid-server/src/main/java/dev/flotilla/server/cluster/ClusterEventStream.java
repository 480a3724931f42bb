package dev.flotilla.server.cluster;

import dev.flotilla.client.protocol.ClusterEventView;
import dev.flotilla.grid.cluster.ClusterView;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Duration;

/**
 * One client's stream of cluster events: a {@code subscribed} event, then every grid event as it happens, and a
 * {@code heartbeat} event every {@code heartbeat} so a dead connection is noticed. The grid subscription is opened
 * when the client subscribes and closed when it cancels (disconnects) or the stream ends.
 *
 * <p>Grid events arrive on a Hazelcast event thread; they are only buffered here (events are rare), never
 * processed, so that thread is never held up by a slow client.
 */
final class ClusterEventStream {
    private final ClusterView cluster;
    private final Duration heartbeat;

    ClusterEventStream(ClusterView cluster, Duration heartbeat) {
        this.cluster = cluster;
        this.heartbeat = heartbeat;
    }

    Flux<Event<ClusterEventView>> open() {
        Flux<Event<ClusterEventView>> live = Flux.create(sink -> {
            sink.next(named(ClusterViews.subscribed(cluster)));
            ClusterView.Subscription subscription = cluster.subscribe(e -> sink.next(named(ClusterViews.event(e))));
            sink.onDispose(subscription::close);
        }, FluxSink.OverflowStrategy.BUFFER);
        Flux<Event<ClusterEventView>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick -> named(ClusterViews.heartbeat()));
        return Flux.merge(live, heartbeats);
    }

    private static Event<ClusterEventView> named(ClusterEventView view) {
        return Event.of(view).name(view.type());
    }
}
