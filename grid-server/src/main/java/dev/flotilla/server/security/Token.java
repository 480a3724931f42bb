package dev.flotilla.server.security;

import java.util.Set;

/**
 * One configured token: who it is (for logs and {@code Authentication.getName()}), its roles, and the hash of the
 * secret; the secret itself is never held.
 *
 * @param name   a name for people, such as {@code ci} or {@code prometheus}
 * @param roles  at least one
 * @param sha256 the SHA-256 of the secret ({@link TokenHash})
 * @param origin where it was set: {@code file:line} or the configuration key
 */
record Token(String name, Set<Role> roles, byte[] sha256, String origin) {
}
