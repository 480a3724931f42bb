package dev.flotilla.server.health;

import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** An indicator that reads local state only, so its result is computed on the request's thread, when asked. */
abstract class LocalHealthIndicator implements HealthIndicator {
    @Override
    public final Publisher<HealthResult> getResult() {
        return Mono.fromSupplier(this::result);
    }

    /** The result now; must not wait on another member. */
    abstract HealthResult result();
}
