package dev.flotilla.server;

import dev.flotilla.lab.cli.ExitCode;
import dev.flotilla.server.config.GridFactory;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

import java.util.function.Supplier;

/**
 * Micronaut's start, with the failures an operator can fix (a rejected setting, a YAML syntax error, a taken
 * port) reported as one line on stderr and the launcher's exit code instead of a logged stack trace and exit 1.
 * Other failures keep Micronaut's report (the stack trace helps there) and exit 70 (sysexits EX_SOFTWARE).
 */
final class NodeStartup extends Micronaut {

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        boolean test = environment != null && environment.getActiveNames().contains(Environment.TEST);
        if (!test) {
            Supplier<String> http = () -> environment == null ? "its address"
                    : environment.getProperty("micronaut.server.host", String.class).orElse("*") + ":"
                    + environment.getProperty("micronaut.server.port", String.class).orElse("8080");
            StartupFailure.of(exception, http).ifPresent(failure -> {
                System.err.println("flotilla: " + failure.line());
                GridFactory.leaveAfterFailedStart();
                System.exit(failure.exitCode());
            });
            GridFactory.leaveAfterFailedStart();
            mapError(exception.getClass(), any -> ExitCode.SOFTWARE.code());
        }
        super.handleStartupException(environment, exception);
    }
}
