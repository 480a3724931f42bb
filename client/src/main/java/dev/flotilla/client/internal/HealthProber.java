package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.EndpointState;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.HealthCheck;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes every node with {@code GET /health} on a schedule and sets its state: 200 healthy; 503 with status
 * {@code OUT_OF_SERVICE} degraded (still serving); 503 {@code DOWN}, another status or a refused connection
 * ejected; a timeout counts as one failure (three in a row eject). At most one probe per node is in flight.
 */
final class HealthProber {
    private static final Call PROBE = new Call("GET", "/health", List.of(), null, RetryDecision.Kind.READ, null);

    private final HttpTransport transport;
    private final ObjectMapper json;
    private final HealthCheck check;
    private final Set<Endpoint> inFlight = ConcurrentHashMap.newKeySet();

    HealthProber(HttpTransport transport, ObjectMapper json, HealthCheck check) {
        this.transport = transport;
        this.json = json;
        this.check = check;
    }

    /** Probes every node now and then every interval, on {@code scheduler}. */
    void start(List<Endpoint> endpoints, ScheduledExecutorService scheduler) {
        long millis = check.interval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> endpoints.forEach(this::probe), 0, millis, TimeUnit.MILLISECONDS);
    }

    void probe(Endpoint endpoint) {
        if (!inFlight.add(endpoint)) {
            return;
        }
        transport.send(endpoint, PROBE, check.timeout(), false).whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    FlotillaException f = failure instanceof FlotillaException fe ? fe : HttpTransport.classify(failure, endpoint);
                    if (f.definite()) {
                        endpoint.probed(EndpointState.EJECTED, "health probe: " + f.code());
                    } else {
                        endpoint.failed("health probe: " + f.code()); // slow under load: eject after a few in a row
                    }
                } else {
                    endpoint.probed(verdict(response.statusCode(), response.body()), "health probe: HTTP "
                            + response.statusCode() + " " + status(response.body()));
                }
            } finally {
                inFlight.remove(endpoint);
            }
        });
    }

    /** The state a health answer puts a node in. */
    EndpointState verdict(int status, byte[] body) {
        if (status == 200) {
            return EndpointState.HEALTHY;
        }
        if (status == 503 && "OUT_OF_SERVICE".equals(status(body))) {
            return EndpointState.DEGRADED;
        }
        return EndpointState.EJECTED;
    }

    private String status(byte[] body) {
        try {
            JsonNode tree = body == null || body.length == 0 ? null : json.readTree(body);
            return tree == null ? "" : tree.path("status").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
