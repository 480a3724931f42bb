package dev.flotilla.grid;

/**
 * What a map keeps when a split brain heals: YAML {@code map-defaults.merge-policy} or
 * {@code maps.<name>.merge-policy}, by {@link #id()}.
 *
 * <p>When the sides of a split cluster meet again, the members of the smaller side drop their data and rejoin the
 * larger side; on the way they send every entry they held to its new owner as a <em>merging</em> entry, and the
 * policy decides, per key, between it and the <em>existing</em> entry of the larger side (the destination). No
 * policy sees deletes: a key deleted on one side comes back from the other, except that {@link #DISCARD} never adds
 * a key the larger side lacks.
 *
 * <p>The merge runs on the partition threads of the destination; nothing here changes what a side accepts while the
 * cluster is split (that is {@link SplitBrainProtection}'s job).
 */
public enum MergePolicy {
    /**
     * Hazelcast's default ({@code PutIfAbsentMergePolicy}): a key only the smaller side holds is added; for a key
     * both sides hold the destination's (larger side's) value stays, so every update the smaller side made to an
     * existing key is lost.
     */
    PUT_IF_ABSENT,
    /**
     * {@code PassThroughMergePolicy}: the merging (smaller side's) value always wins, so the larger side's updates to
     * keys the smaller side also holds are lost.
     */
    PASS_THROUGH,
    /**
     * {@code LatestUpdateMergePolicy}: the value written last by wall clock wins (a tie goes to the merging side).
     * Each side stamps a write with the clock of the member owning the key, so clock skew between members decides
     * between close writes, and the loser's update is lost.
     *
     * <p>It reads per-entry statistics, so the map is given {@code MapConfig.setPerEntryStatsEnabled(true)} (more
     * memory per entry): Hazelcast 5.4 refuses to start a member whose map config names this policy without them
     * (the member's start validates every map's merge policy; {@code InvalidConfigurationException}).
     */
    LATEST_UPDATE,
    /**
     * {@code HigherHitsMergePolicy}: the entry read (hit) more often on its side wins (a tie goes to the merging
     * side); whether it is the newer value does not matter. Needs per-entry statistics, enabled for the map as for
     * {@link #LATEST_UPDATE}.
     */
    HIGHER_HITS,
    /**
     * {@code DiscardMergePolicy}: the smaller side's entries are all dropped, its new keys included; the larger
     * side's data stays as it was.
     */
    DISCARD,
    /**
     * Flotilla's own: for a key both sides hold as {@code long[]} (the sorted buckets of the map-based guarantee
     * modes' grow-only set), the union of both sides' elements, so an add acknowledged on either side survives.
     * Any other value is kept as {@link #PUT_IF_ABSENT} keeps it: the destination's value stays.
     */
    UNION;

    /** The kebab-case name used in config files, for example {@code put-if-absent}. */
    public String id() {
        return Checks.id(this);
    }
}
