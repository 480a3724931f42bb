package dev.flotilla.server.health;

import dev.flotilla.server.cluster.SafetyMonitor;
import dev.flotilla.server.problem.QueryParameters;
import dev.flotilla.server.security.HealthDetailAccess;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.health.indicator.HealthResult;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /health/safe}: whether the next member may be stopped now, what an operator checks before each step
 * of a rolling restart. 200 {@code UP}: no migration, every partition owned and backed up on current members, and
 * every member agrees. 503 {@code OUT_OF_SERVICE}: known not safe (a member joins or left, backups are being
 * re-created). 503 {@code UNKNOWN}: not known now (the background check is older than
 * {@code flotilla-server.safety.max-age}, or has overrun {@code flotilla-server.safety.deadline}, as when a member
 * crashed and is not removed yet). It answers {@link SafetyMonitor}'s report at once, never waiting on a member;
 * {@code details.ageMillis} says how old the answer is. During a split brain each side answers for its own
 * members: a side that re-created its backups among itself can answer UP; {@code /health}'s {@code membership}
 * tells a side that sees fewer members than expected. Micronaut's own {@code /health/{selector}} knows only
 * liveness and readiness, so this one is a controller of its own (an exact path wins over the selector).
 */
@Controller("/health/safe")
@Hidden // with the rest of /health: Micronaut management endpoints, documented in docs/http-api.md, not in OpenAPI
public class SafeHealthController {
    private final SafetyMonitor safety;
    private final HealthDetailAccess access;

    public SafeHealthController(SafetyMonitor safety, HealthDetailAccess access) {
        this.safety = safety;
        this.access = access;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> safe(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        SafetyMonitor.Report report = safety.report();
        HttpStatus status = report.verdict() == SafetyMonitor.Verdict.SAFE ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        if (!access.detailsVisible(request)) { // security on, and no admin or metrics token: the status alone
            return HttpResponse.status(status).body(Map.of("status", HealthDetails.status(report).getName()));
        }
        HealthResult result = HealthResult.builder("safe", HealthDetails.status(report))
                .details(HealthDetails.safety(report)).build();
        return HttpResponse.status(status).body(result);
    }
}
