package dev.flotilla.server.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.List;

/**
 * The one security rule that decides: it runs before Micronaut's own rules and always answers ALLOWED or
 * REJECTED. Security off: everything is allowed. On: the route's {@link Access} must allow the caller's roles;
 * a rejected anonymous caller gets 401, a rejected token 403 ({@link AuthorizationProblems}).
 */
@Singleton
public class AccessRule implements SecurityRule<HttpRequest<?>> {
    /** Before every rule Micronaut Security ships (theirs are -300 and up). */
    public static final int ORDER = -10_000;

    private final boolean enabled;

    public AccessRule(SecuritySettings settings) {
        this.enabled = settings.enabled();
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (!enabled) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        Access access = access(request);
        List<String> roles = authentication == null ? List.of() : List.copyOf(authentication.getRoles());
        return Publishers.just(access.allows(roles) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    /** The access the request's route needs; {@link Access#AUTHENTICATED} when no route matched. */
    static Access access(HttpRequest<?> request) {
        RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
        if (route instanceof UriRouteInfo<?, ?> uri) {
            return Access.of(uri.getHttpMethod(), uri.getUriMatchTemplate().toString());
        }
        return request.getMethod() == HttpMethod.OPTIONS ? Access.ADMIN : Access.AUTHENTICATED;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
