package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of a successful {@code PUT /maps/{map}/{key}}.
 *
 * @param map     the map written
 * @param key     the key written
 * @param version the new version (1 when the key was created); the response's {@code ETag} carries it too
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WriteResult(String map, String key, long version) {
}
