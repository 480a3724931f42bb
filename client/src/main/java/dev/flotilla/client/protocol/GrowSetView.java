package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The answer of {@code GET /sets/{namespace}}: every element of the grow-only set.
 *
 * @param namespace the set's namespace
 * @param mode      the guarantee mode it was read under
 * @param elements  every element, ascending, without duplicates
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrowSetView(String namespace, String mode, List<Long> elements) {
}
