package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * A lab experiment submitted to a node: {@code GET /lab/experiments/{id}}.
 *
 * @param id            the experiment's id on this node
 * @param name          the spec's name
 * @param state         {@code queued}, {@code running}, {@code done}, {@code failed} or {@code cancelled}
 * @param phase         the runner's phase while running ({@code forming}, {@code running}, ..., {@code done})
 * @param operations    operations completed so far
 * @param members       running members of the experiment's own cluster now
 * @param faults        fault windows closed so far
 * @param elapsedMillis time since the experiment started (0 while queued)
 * @param verdict       {@code VALID}, {@code INVALID} or {@code UNKNOWN} once done; null before
 * @param summary       the verdict in the workload's terms once done ("lost 12 of 900 acknowledged adds")
 * @param error         why a failed experiment failed; null otherwise
 * @param links         where to read more: {@code self}, {@code report}, {@code history}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExperimentStatus(String id, String name, String state, String phase, long operations, int members,
                               int faults, long elapsedMillis, String verdict, String summary, String error,
                               Map<String, String> links) {
}
