package dev.flotilla.server;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/** A Flotilla node: one embedded grid member with the HTTP API, cluster views, health and metrics. */
@OpenAPIDefinition(info = @Info(title = "flotilla", version = "0.1",
        description = "Flotilla node HTTP API: versioned JSON documents, operations under guarantee modes, transactions,"
                + " cluster views and the consistency lab. Every error is application/problem+json with a stable code and"
                + " a definite flag. Management endpoints (/health, /prometheus) and the dashboard are not described."
                + " With security on (by default on a non-loopback address) every operation needs a bearer token:"
                + " 401 unauthorized without a valid one, 403 forbidden when its roles (reader, writer, admin) do not"
                + " open the operation; docs/http-api.md lists the roles per operation."),
        servers = @Server(url = "http://127.0.0.1:8081", description = "a node on its defaults"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token from bin/flotilla token; required when flotilla-server.security is on")
public final class Application {
    private Application() {
    }

    /** Starts the node; exits 78 (bad configuration) or 69 (a port taken) with one line on stderr when it cannot. */
    public static void main(String[] args) {
        new NodeStartup().args(args).mainClass(Application.class).banner(false).start();
    }
}
