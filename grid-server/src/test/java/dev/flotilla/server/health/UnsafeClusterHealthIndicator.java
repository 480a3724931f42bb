package dev.flotilla.server.health;

import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.server.cluster.SafetyMonitor;
import dev.flotilla.server.fixture.StubClusterView;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** Test-only: a grid indicator that sees a running but unsafe cluster (a migration in progress). */
@Singleton
@Requires(property = "test.unsafe-health", value = "true")
@Replaces(GridHealthIndicator.class)
public class UnsafeClusterHealthIndicator extends GridHealthIndicator {
    public UnsafeClusterHealthIndicator() {
        this(unsafe());
    }

    private UnsafeClusterHealthIndicator(StubClusterView view) {
        super(view, checked(view));
    }

    private static StubClusterView unsafe() {
        StubClusterView view = new StubClusterView();
        view.safety(new Safety(true, false, true, 2));
        return view;
    }

    private static SafetyMonitor checked(StubClusterView view) {
        SafetyMonitor monitor = new SafetyMonitor(() -> true, view::safety, Duration.ofMillis(500), Duration.ofDays(1),
                Clock.systemUTC());
        monitor.refresh();
        return monitor;
    }
}
