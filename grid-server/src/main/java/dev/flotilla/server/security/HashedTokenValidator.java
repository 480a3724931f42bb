package dev.flotilla.server.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks a bearer token against the configured hashes ({@link TokenHash}): the presented token is hashed once and
 * compared with every configured hash in constant time ({@link MessageDigest#isEqual}), all of them, whether one
 * matched or not, so the time taken does not tell how much of a hash matched or which token it was. An unknown
 * token yields no authentication (the caller stays anonymous and gets 401 where a role is needed). The token is
 * never logged, here or anywhere else in the node.
 */
@Singleton
public class HashedTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final List<Token> tokens;

    public HashedTokenValidator(SecuritySettings settings) {
        this.tokens = settings.tokens();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Token match = find(token);
        if (match == null) {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build(match.name(), match.roles().stream().map(Role::id).sorted().toList()));
    }

    /** The configured token whose hash is {@code token}'s, or null. */
    Token find(String token) {
        if (token == null || token.isEmpty() || tokens.isEmpty()) {
            return null;
        }
        byte[] presented = TokenHash.digest(token);
        Token match = null;
        for (Token candidate : tokens) {
            if (MessageDigest.isEqual(candidate.sha256(), presented) && match == null) {
                match = candidate;
            }
        }
        return match;
    }
}
