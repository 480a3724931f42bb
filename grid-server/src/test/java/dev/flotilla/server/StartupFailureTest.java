package dev.flotilla.server;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.server.cluster.SafetyMonitor;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/** Which start failures become one line and which exit code; the process test shows them on a real node. */
class StartupFailureTest {

    @Test
    void of_takenHttpPortDeepInTheChain_unavailableNamingTheAddress() {
        RuntimeException failure = new IllegalStateException("Unable to start Micronaut server",
                new BindException("Address already in use"));

        assertThat(StartupFailure.of(failure, () -> "127.0.0.1:8081")).contains(new StartupFailure(
                "the HTTP server could not start: 127.0.0.1:8081 is taken", 69));
    }

    @Test
    void of_takenHttpPort_addressAsTheServerNamedIt() {
        RuntimeException failure = new IllegalStateException("Unable to start Micronaut server on 127.0.30.1:42447",
                new BindException("Address already in use"));

        assertThat(StartupFailure.of(failure, () -> "*:8080")).contains(new StartupFailure(
                "the HTTP server could not start: 127.0.30.1:42447 is taken", 69));
    }

    @Test
    void of_takenMemberPort_unavailableWithGridCoresLine() {
        GridException grid = new GridException(GridFailure.NOT_RUNNING, "the grid member could not start: member port "
                + "127.0.0.1:5701 is taken (port-auto-increment is off)", new BindException("in use"));

        assertThat(StartupFailure.of(new BeanInstantiationException("grid", grid), () -> "unused"))
                .contains(new StartupFailure(grid.getMessage(), 69));
    }

    @Test
    void of_rejectedServerSetting_configNamingTheKeys() {
        RuntimeException rejected = catchRuntimeException(() -> new SafetyMonitor(() -> true, () -> null, () -> null,
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10), Clock.systemUTC()));

        assertThat(StartupFailure.of(new BeanInstantiationException("safety", rejected), () -> "unused"))
                .contains(new StartupFailure("flotilla-server.safety.deadline (PT10S) must be shorter than "
                        + "flotilla-server.safety.max-age (PT5S)", 78));
    }

    @Test
    void of_unforeseenFailure_empty() {
        assertThat(StartupFailure.of(new IllegalStateException("boom"), () -> "unused")).isEmpty();
    }

    @Test
    void of_securityOnWithoutTokens_configWithSettingsLine() {
        RuntimeException refused = catchRuntimeException(() -> new dev.flotilla.server.security.SecuritySettings(
                io.micronaut.context.ApplicationContext.builder().properties(java.util.Map.of("micronaut.server.host",
                        "0.0.0.0")).build().getEnvironment().start()));

        assertThat(StartupFailure.of(new BeanInstantiationException("security", refused), () -> "unused"))
                .hasValueSatisfying(failure -> {
                    assertThat(failure.exitCode()).isEqualTo(78);
                    assertThat(failure.line()).startsWith("flotilla-server.security: security is on").contains("no token");
                });
    }
}
