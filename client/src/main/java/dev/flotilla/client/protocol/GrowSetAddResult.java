package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code POST /sets/{namespace}}: the element as added.
 *
 * @param namespace the set's namespace
 * @param mode      the guarantee mode it ran under
 * @param element   the element added
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrowSetAddResult(String namespace, String mode, long element) {
}
