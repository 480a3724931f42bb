package dev.flotilla.server.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The caller's authentication from its {@code Authorization: Bearer} token, checked by {@link HashedTokenValidator}.
 *
 * <p>Why not Micronaut's {@link TokenAuthenticationFetcher}: it publishes a {@code TokenValidatedEvent} whose
 * source is the token itself, and Micronaut's event publisher logs every event at DEBUG
 * ({@code io.micronaut.context.event.ApplicationEventPublisher}), so turning Micronaut's logging up would write
 * every valid token to the log. This fetcher does the same lookup without the event.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public class BearerAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final TokenResolver<HttpRequest<?>> resolver;
    private final HashedTokenValidator validator;

    public BearerAuthenticationFetcher(TokenResolver<HttpRequest<?>> resolver, HashedTokenValidator validator) {
        this.resolver = resolver;
        this.validator = validator;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return resolver.resolveToken(request).map(token -> validator.validateToken(token, request))
                .orElseGet(Publishers::empty);
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER;
    }
}
