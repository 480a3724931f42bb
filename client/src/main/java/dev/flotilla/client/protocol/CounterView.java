package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code GET} and {@code POST /counters/{namespace}}: the counter's value.
 *
 * @param namespace the counter's namespace
 * @param mode      the guarantee mode it was read or incremented under
 * @param value     the value read, or for an increment the value the mode observed right after it (0 before the
 *                  first increment)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CounterView(String namespace, String mode, long value) {
}
