package dev.flotilla.server;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** A Flotilla node: one embedded grid member with the HTTP API, cluster views, health and metrics. */
@OpenAPIDefinition(info = @Info(title = "flotilla", version = "0.1",
        description = "Flotilla node HTTP API: JSON documents with versions, cluster views. Errors are application/problem+json."))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
