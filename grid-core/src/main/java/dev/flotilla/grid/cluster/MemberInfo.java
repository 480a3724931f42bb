package dev.flotilla.grid.cluster;

import java.util.Map;

/**
 * One cluster member as this member sees it.
 *
 * @param uuid       the member's identity for this run (a restarted member gets a new one)
 * @param address    {@code host:port} of its member endpoint
 * @param local      whether it is the member answering
 * @param liteMember lite members own no partitions
 * @param version    the Hazelcast codebase version it runs
 * @param attributes attributes set in its configuration
 */
public record MemberInfo(String uuid, String address, boolean local, boolean liteMember, String version,
                         Map<String, String> attributes) {
    public MemberInfo {
        attributes = Map.copyOf(attributes);
    }
}
