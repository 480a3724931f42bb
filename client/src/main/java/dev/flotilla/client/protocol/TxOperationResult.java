package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of one {@link TxOperation}, in request order.
 *
 * @param op      the operation
 * @param map     the map
 * @param key     the key
 * @param version {@code get}: the version read (0 = absent); {@code put}: the new version; {@code delete}: the
 *                version deleted (0 = was absent)
 * @param value   {@code get}: the document read (absent when the key is absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TxOperationResult(String op, String map, String key, long version, JsonNode value) {
}
