package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one operation of a committed transaction did.
 *
 * @param op      {@code get}, {@code put} or {@code delete}
 * @param map     the map's name
 * @param key     the key
 * @param version get: the version read (0 when absent); put: the new version; delete: the deleted version (0 when
 *                it was absent)
 * @param value   get: the stored document (absent when the key is absent); absent for puts and deletes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationResult(String op, String map, String key, long version, JsonNode value) {
}
