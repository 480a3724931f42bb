package dev.flotilla.grid.cluster;

/**
 * What the local member knows of itself, read from its own state without asking another member.
 *
 * @param running      the member's lifecycle runs (false once it shut down or was terminated)
 * @param joined       it has joined a cluster (a member alone in its cluster has joined it); false while it
 *                     looks for one, and while it rejoins after a split-brain merge
 * @param shuttingDown a graceful shutdown has started: the member hands its partitions over and stops soon
 */
public record MemberState(boolean running, boolean joined, boolean shuttingDown) {
    /** Whether the member can serve requests: running, joined and not shutting down. */
    public boolean serving() {
        return running && joined && !shuttingDown;
    }
}
