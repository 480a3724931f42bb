package dev.flotilla.grid;

import java.time.Duration;

/**
 * Split-brain protection of a map: on a side of the cluster with fewer than {@code minSize} members the map refuses
 * operations, so that side cannot acknowledge writes the merge would later drop. YAML: the flat map settings
 * {@code split-brain-min-size}, {@code split-brain-function}, {@code split-brain-tolerance-millis} and
 * {@code split-brain-protect-on} under {@code map-defaults} or {@code maps.<name>}.
 *
 * <p>A refusal is Hazelcast's {@code SplitBrainProtectionException}, reported as {@link GridFailure#NO_QUORUM},
 * definite: the partition owner checks the protection before it runs the operation. That holds for plain map
 * calls, entry processors, locks and the steps of a transaction alike (all are map operations on the protected
 * map). It is not definite when an earlier step of the same call was applied: a transfer refused at its deposit, a
 * transaction commit refused on one partition after others committed; the guarantee modes and
 * {@link Grid#transaction} report those as not definite.
 *
 * <p>Protection narrows the window in which both sides accept writes; it does not close it. With
 * {@link Function#MEMBER_COUNT} a side still counts the members it has not removed yet, so after a split both sides
 * go on accepting until the failure detector removes the unreachable members
 * ({@code failure-detection.max-no-heartbeat-seconds}); {@link Function#RECENTLY_ACTIVE} counts only members heard
 * from within {@code tolerance}, so the smaller side starts refusing after about that long.
 *
 * @param minSize   members a side needs for the map to serve: 0 turns protection off, else 2 to {@value #MAX_MIN_SIZE}
 * @param function  how a side counts its members
 * @param tolerance {@link Function#RECENTLY_ACTIVE} only: how recent a member's last heartbeat must be for it to
 *                  count; must be longer than the heartbeat interval
 * @param protectOn which operations are refused
 */
public record SplitBrainProtection(int minSize, Function function, Duration tolerance, ProtectOn protectOn) {

    /** The largest minimum size accepted. */
    public static final int MAX_MIN_SIZE = 1000;

    /**
     * Default {@code split-brain-tolerance-millis}: 5 s. Five of the default 1 s heartbeats, so one late heartbeat
     * (a GC pause, a busy member) does not make a healthy side refuse; and half the default 10 s
     * {@code max-no-heartbeat}, so the smaller side stops accepting writes well before the failure detector would
     * split the cluster for {@link Function#MEMBER_COUNT}. (Hazelcast's own default, 60 s, equals its own
     * max-no-heartbeat and would buy nothing over member counting.)
     */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(5);

    /** No protection: every side serves, whatever its size. */
    public static final SplitBrainProtection OFF =
            new SplitBrainProtection(0, Function.MEMBER_COUNT, DEFAULT_TOLERANCE, ProtectOn.READ_WRITE);

    /** Whether the map refuses operations on a side that is too small ({@code minSize > 0}). */
    public boolean enabled() {
        return minSize > 0;
    }

    /** Validates every field; {@code prefix} ({@code map-defaults} or {@code maps.<name>}) names them in errors. */
    void validate(String prefix) {
        if (minSize != 0) {
            Checks.range(prefix + ".split-brain-min-size", minSize, 2, MAX_MIN_SIZE);
        }
        Checks.notNull(prefix + ".split-brain-function", function);
        Checks.notNull(prefix + ".split-brain-protect-on", protectOn);
        if (tolerance == null || tolerance.toMillis() < 1 || tolerance.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidConfigException(prefix + ".split-brain-tolerance-millis",
                    tolerance == null ? null : tolerance.toMillis(), "must be between 1 and " + Integer.MAX_VALUE);
        }
    }

    /** A copy with another minimum size (0 turns protection off). */
    public SplitBrainProtection withMinSize(int size) {
        return new SplitBrainProtection(size, function, tolerance, protectOn);
    }

    /** A copy counting members another way. */
    public SplitBrainProtection withFunction(Function counting) {
        return new SplitBrainProtection(minSize, counting, tolerance, protectOn);
    }

    /** A copy with another heartbeat tolerance (used by {@link Function#RECENTLY_ACTIVE}). */
    public SplitBrainProtection withTolerance(Duration heartbeatTolerance) {
        return new SplitBrainProtection(minSize, function, heartbeatTolerance, protectOn);
    }

    /** A copy refusing another kind of operation. */
    public SplitBrainProtection withProtectOn(ProtectOn refused) {
        return new SplitBrainProtection(minSize, function, tolerance, refused);
    }

    /** How a side counts its members against {@code minSize}. */
    public enum Function {
        /** Every member the side still lists, the local one included (Hazelcast's member-count function). */
        MEMBER_COUNT,
        /** Members heard from within the tolerance, the local one included (Hazelcast's recently-active function). */
        RECENTLY_ACTIVE;

        /** The kebab-case name used in config files. */
        public String id() {
            return Checks.id(this);
        }
    }

    /** Which map operations a too-small side refuses. */
    public enum ProtectOn {
        /** Reads and writes. */
        READ_WRITE,
        /** Writes only (entry processors, locks and transactional reads-for-update count as writes). */
        WRITE,
        /** Reads only: writes go on and may be lost at the merge; stale reads are refused. */
        READ;

        /** The kebab-case name used in config files. */
        public String id() {
            return Checks.id(this);
        }
    }
}
