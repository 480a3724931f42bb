package dev.flotilla.server.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import org.reactivestreams.Publisher;

import java.util.Collection;

/**
 * Micronaut Security's filter, passed by entirely while Flotilla's security is off: no token lookup and no
 * reactive rule chain on every request of a loopback node (the data path is measured against a bare Micronaut
 * endpoint, docs/performance.md). With security on it is Micronaut's filter unchanged.
 */
@Filter("${micronaut.security.filter.pattern:/**}")
@Replaces(SecurityFilter.class)
@Requires(property = "micronaut.security.filter.enabled", notEquals = "false", defaultValue = "true")
public class SwitchableSecurityFilter extends SecurityFilter {
    private final boolean enabled;

    public SwitchableSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
                                    Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
                                    SecurityConfiguration securityConfiguration, SecuritySettings settings) {
        super(securityRules, authenticationFetchers, securityConfiguration);
        this.enabled = settings.enabled();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return enabled ? super.doFilter(request, chain) : chain.proceed(request);
    }
}
