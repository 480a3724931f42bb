package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code POST /registers/{namespace}/{key}/cas}.
 *
 * @param namespace the register's namespace
 * @param mode      the guarantee mode it ran under
 * @param key       the register's key
 * @param applied   true when written; false when surely not written (the register held another value)
 * @param value     the value written when applied, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterCompareAndSetResult(String namespace, String mode, String key, boolean applied, Long value) {
}
