package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The body of {@code GET /cluster/members}.
 *
 * @param members members in join order; the first is the master
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MembersView(List<MemberView> members) {
}
