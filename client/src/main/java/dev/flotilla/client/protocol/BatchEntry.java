package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document read by a batch.
 *
 * @param version the entry's version
 * @param value   the stored document
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchEntry(long version, JsonNode value) {
}
