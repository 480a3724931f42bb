package dev.flotilla.server;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;

/** A Flotilla node: one embedded grid member with the HTTP API, cluster views, health and metrics. */
@OpenAPIDefinition(info = @Info(title = "flotilla", version = "0.1",
        description = "Flotilla node HTTP API: versioned JSON documents, operations under guarantee modes, transactions,"
                + " cluster views and the consistency lab. Every error is application/problem+json with a stable code and"
                + " a definite flag. Management endpoints (/health, /prometheus) and the dashboard are not described."),
        servers = @Server(url = "http://127.0.0.1:8081", description = "a node on its defaults"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
