package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code GET} and {@code PUT /registers/{namespace}/{key}}: the register's value.
 *
 * @param namespace the register's namespace
 * @param mode      the guarantee mode it was read or written under
 * @param key       the register's key
 * @param value     the value read or written; null when the register was never written
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterView(String namespace, String mode, String key, Long value) {
}
