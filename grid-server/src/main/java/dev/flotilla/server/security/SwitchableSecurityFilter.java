package dev.flotilla.server.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import org.reactivestreams.Publisher;

import java.util.Collection;

/**
 * Micronaut Security's filter, left out of every request's filter chain while Flotilla's security is off: no token
 * lookup, no reactive rule chain and no adapter for a {@code Publisher} filter on a loopback node (the data path is
 * measured against a bare Micronaut endpoint, docs/performance.md). With security on it is Micronaut's filter
 * unchanged.
 */
@Filter("${micronaut.security.filter.pattern:/**}")
@Replaces(SecurityFilter.class)
@Requires(property = "micronaut.security.filter.enabled", notEquals = "false", defaultValue = "true")
public class SwitchableSecurityFilter extends SecurityFilter implements ConditionalFilter {
    private final boolean enabled;

    public SwitchableSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
                                    Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
                                    SecurityConfiguration securityConfiguration, SecuritySettings settings) {
        super(securityRules, authenticationFetchers, securityConfiguration);
        this.enabled = settings.enabled();
    }

    /** Whether the filter runs at all: Micronaut drops a disabled filter from the chain before running it. */
    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return enabled;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return enabled ? super.doFilter(request, chain) : chain.proceed(request);
    }
}
