package dev.flotilla.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How a node stores a bearer token: the SHA-256 of its UTF-8 bytes, as 64 lower-case hex digits.
 *
 * <p>Why no salt: a salt and a slow hash protect secrets people choose (passwords), whose space is small enough
 * to search. Flotilla tokens are random: {@link #generate()} (and {@code bin/flotilla token}) gives 256 bits, so
 * the hash of one cannot be reversed by search, salted or not, and an unsalted hash lets the node find a token
 * with one hash per request. A token someone typed by hand is not protected this way: generate them.
 */
public final class TokenHash {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {
    }

    /** The SHA-256 hex of {@code token}. */
    public static String of(String token) {
        return HEX.formatHex(digest(token));
    }

    /** The SHA-256 of {@code token}'s UTF-8 bytes. */
    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code hex} is a SHA-256 as this class writes it (64 hex digits, either case). */
    static boolean isHash(String hex) {
        return hex != null && hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
