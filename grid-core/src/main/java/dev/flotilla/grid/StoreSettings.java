package dev.flotilla.grid;

import java.time.Duration;

/**
 * The database that persistent maps ({@link Persistence}) keep their entries in: one system that every member
 * reaches, such as PostgreSQL, or an H2 server for a cluster on one machine. Each persistent map has one table,
 * created on first use.
 *
 * @param url                      the JDBC URL ({@code jdbc:postgresql://db:5432/grid}, {@code jdbc:h2:tcp://...});
 *                                 null: no database, and every map must have persistence off
 * @param user                     the database user; null: none (the URL or the driver decides)
 * @param password                 the user's password; never printed ({@link #toString()} hides it)
 * @param poolSize                 connections each member keeps open at most
 * @param timeout                  the longest a member waits for a connection and for one statement; a store
 *                                 that outlasts it fails the write as not definite
 * @param writeBehindQueueCapacity write-behind maps without coalescing: the most entries waiting on a member, over
 *                                 all its maps (backups included); a write that finds the queue full is refused
 */
public record StoreSettings(String url, String user, String password, int poolSize, Duration timeout,
                            int writeBehindQueueCapacity) {

    /** No database. */
    public static final StoreSettings NONE = new StoreSettings(null, null, null, 8, Duration.ofSeconds(5), 50_000);

    /** That database with the default pool size, timeout and queue capacity. */
    public static StoreSettings of(String url, String user, String password) {
        return NONE.withUrl(url).withUser(user).withPassword(password);
    }

    /** Whether a database is configured. */
    public boolean configured() {
        return url != null;
    }

    StoreSettings validated() {
        if (url != null && !url.strip().startsWith("jdbc:")) {
            // The value may carry credentials: the error names the rule, not the value.
            throw new InvalidConfigException("store.url", "(hidden)", "must be a JDBC URL starting with jdbc:");
        }
        Checks.range("store.pool-size", poolSize, 1, 1000);
        if (timeout == null || timeout.toMillis() < 100 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidConfigException("store.timeout-millis", timeout == null ? null : timeout.toMillis(),
                    "must be at least 100");
        }
        Checks.range("store.write-behind-queue-capacity", writeBehindQueueCapacity, 1, Integer.MAX_VALUE);
        return this;
    }

    /** The fields, with the password hidden. */
    @Override
    public String toString() {
        return "StoreSettings[url=" + printableUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "(hidden)")
                + ", poolSize=" + poolSize + ", timeout=" + timeout + ", writeBehindQueueCapacity="
                + writeBehindQueueCapacity + "]";
    }

    /** The URL without its parameters ({@code ?...} or {@code ;...}), which may carry credentials; null for none. */
    public String printableUrl() {
        if (url == null) {
            return null;
        }
        int cut = url.length();
        for (char c : new char[]{'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut == url.length() ? url : url.substring(0, cut) + "(parameters hidden)";
    }

    /** A copy with another JDBC URL (null for none). */
    public StoreSettings withUrl(String newUrl) {
        return new StoreSettings(newUrl, user, password, poolSize, timeout, writeBehindQueueCapacity);
    }

    /** A copy with another user. */
    public StoreSettings withUser(String newUser) {
        return new StoreSettings(url, newUser, password, poolSize, timeout, writeBehindQueueCapacity);
    }

    /** A copy with another password. */
    public StoreSettings withPassword(String newPassword) {
        return new StoreSettings(url, user, newPassword, poolSize, timeout, writeBehindQueueCapacity);
    }

    /** A copy with another pool size. */
    public StoreSettings withPoolSize(int size) {
        return new StoreSettings(url, user, password, size, timeout, writeBehindQueueCapacity);
    }

    /** A copy with another connection and statement timeout. */
    public StoreSettings withTimeout(Duration newTimeout) {
        return new StoreSettings(url, user, password, poolSize, newTimeout, writeBehindQueueCapacity);
    }

    /** A copy with another write-behind queue capacity. */
    public StoreSettings withWriteBehindQueueCapacity(int capacity) {
        return new StoreSettings(url, user, password, poolSize, timeout, capacity);
    }
}
