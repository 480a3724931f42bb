package dev.flotilla.server.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.security.Principal;
import java.util.List;

/**
 * Who sees health details. Security off: everyone (as {@code endpoints.health.details-visible: ANONYMOUS}). On:
 * only tokens with {@code admin} or {@code metrics}; anyone else, anonymous or a reader, gets the status alone,
 * since the details name the cluster, its members and their addresses.
 */
@Singleton
public class HealthDetailAccess {
    private final boolean enabled;

    public HealthDetailAccess(SecuritySettings settings) {
        this.enabled = settings.enabled();
    }

    /** Whether the caller of {@code request} may see details. */
    public boolean detailsVisible(HttpRequest<?> request) {
        if (!enabled) {
            return true;
        }
        if (request == null) {
            return false;
        }
        Principal principal = request.getUserPrincipal().orElse(null);
        return principal instanceof Authentication authentication
                && Access.METRICS.allows(List.copyOf(authentication.getRoles()));
    }

    /** {@link #detailsVisible(HttpRequest)} for the request being served on this thread, if any. */
    public boolean detailsVisible() {
        return !enabled || detailsVisible(ServerRequestContext.currentRequest().orElse(null));
    }
}
