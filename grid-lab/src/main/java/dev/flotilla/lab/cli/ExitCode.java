package dev.flotilla.lab.cli;

/**
 * The exit codes every command of the launcher shares (start, cluster, lab run, lab matrix, check, build), as
 * README.md's "Exit codes" table lists them: 0-3 are {@code check}'s outcomes (scripts rely on them), the rest
 * follow sysexits.h so a code means the same whichever command returns it.
 */
public enum ExitCode {
    /** Done: the node stopped, the lab run completed (whatever its verdict), the history is VALID. */
    OK(0),
    /** {@code check}: the history violates the model. */
    INVALID(1),
    /** {@code check}: the checker could not decide (not a pass). */
    UNKNOWN(2),
    /** {@code check}: no verdict, the checker itself failed (out of memory, a bug); a JSON error on stdout. */
    CHECK_ERROR(3),
    /** EX_USAGE: a bad command line (an unknown option, a missing argument); usage on stderr. */
    USAGE(64),
    /** EX_DATAERR: an input file (history, experiment spec) is missing or malformed. */
    DATA(65),
    /** EX_UNAVAILABLE: something the command needs is not there: a free member or HTTP port, a private network. */
    UNAVAILABLE(69),
    /** EX_SOFTWARE: an unexpected failure; the stack trace is printed. */
    SOFTWARE(70),
    /** EX_IOERR: output (lab reports, a docs table) could not be written. */
    IO(74),
    /** EX_CONFIG: a node setting was rejected, a node file is missing or not YAML, a hazelcast-config is invalid. */
    CONFIG(78);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
