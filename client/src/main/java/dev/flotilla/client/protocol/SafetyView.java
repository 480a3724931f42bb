package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Whether members can be stopped without losing data.
 *
 * @param running         whether the answering node's member is running
 * @param clusterSafe     backups in sync and no migration running: any one member may leave or crash now
 * @param localMemberSafe the answering node's member may leave now without losing data
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SafetyView(boolean running, boolean clusterSafe, boolean localMemberSafe) {
}
