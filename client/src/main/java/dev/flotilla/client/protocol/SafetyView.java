package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Whether members can be stopped without losing data.
 *
 * @param running         whether the answering node's member is running
 * @param clusterSafe     backups in sync and no migration running: any one member may leave or crash now
 * @param localMemberSafe the answering node's member may leave now without losing data
 * @param checkedAt       when the node last checked safety (ISO-8601; it checks in the background, a few times a
 *                        second); null before its first check or from older servers. The flags are never true from a
 *                        check that is stale or has run past its deadline, nor while the node's partition table shows
 *                        a partition without owner or backup; {@code clusterSafe} is true exactly when the node's
 *                        {@code /health/safe} would answer 200
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SafetyView(boolean running, boolean clusterSafe, boolean localMemberSafe, String checkedAt) {
    /** A view without the time of the check. */
    public SafetyView(boolean running, boolean clusterSafe, boolean localMemberSafe) {
        this(running, clusterSafe, localMemberSafe, null);
    }
}
