package dev.flotilla.server;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** A Flotilla node: one embedded grid member with the HTTP API, cluster views, health and metrics. */
@OpenAPIDefinition(info = @Info(title = "flotilla", version = "0.1",
        description = "Flotilla node HTTP API: JSON documents with versions, cluster views. Errors are application/problem+json."))
public final class Application {
    private Application() {
    }

    /** Starts the node; exits 78 (bad configuration) or 69 (a port taken) with one line on stderr when it cannot. */
    public static void main(String[] args) {
        new NodeStartup().args(args).mainClass(Application.class).banner(false).start();
    }
}
