package dev.flotilla.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document read from a map, with its version.
 *
 * @param key     the key
 * @param version 1 on the key's first write, one more per write; the {@code ETag} the node answered
 * @param value   the stored JSON document
 */
public record Document(String key, long version, JsonNode value) {
}
