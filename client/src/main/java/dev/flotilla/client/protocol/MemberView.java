package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * One grid member as the answering node sees it.
 *
 * @param uuid       the member's identity for this run
 * @param address    {@code host:port} of its member (not HTTP) endpoint
 * @param local      whether it is the answering node's own member
 * @param liteMember lite members own no partitions
 * @param version    the Hazelcast version it runs
 * @param attributes member attributes from its configuration
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberView(String uuid, String address, boolean local, boolean liteMember, String version,
                         Map<String, String> attributes) {
}
