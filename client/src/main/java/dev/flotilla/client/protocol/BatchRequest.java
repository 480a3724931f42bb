package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /maps/{map}/batch}: keys to read and documents to write in one round trip.
 *
 * <p>At least one key and at most {@link Preconditions#MAX_BATCH_KEYS} keys in all. Reads and writes run
 * concurrently, key by key: the batch is neither atomic nor a snapshot, and a key named in both lists may be
 * read before or after its write.
 *
 * @param get keys to read; may be null or empty
 * @param put documents to write by key; may be null or empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchRequest(List<String> get, Map<String, JsonNode> put) {
}
