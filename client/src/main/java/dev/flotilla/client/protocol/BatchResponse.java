package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link BatchRequest}.
 *
 * @param entries  documents found, by key
 * @param missing  keys asked for that are absent
 * @param versions new version of every key written
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchResponse(Map<String, BatchEntry> entries, List<String> missing, Map<String, Long> versions) {
}
