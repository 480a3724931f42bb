package dev.flotilla.lab.fleet;

import dev.flotilla.lab.nemesis.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The database of a fleet whose maps are persistent ({@code store-mode} not {@code off}): one H2 server process
 * (TCP), as {@code bin/flotilla cluster --persistent} starts it, on an address of its own on the lab's loopback
 * network ({@link #HOST}, never a node's) and a free port, its files in the fleet's directory. The password is
 * random per fleet and reaches the nodes through their environment, never a file; the first node to connect
 * creates the database with it ({@code -ifNotExists}).
 *
 * <p>H2 is taken from the lab's own class path (the server jar, or grid-server's test class path), so the
 * database speaks the version the nodes' driver does.
 */
public final class StoreDatabase {
    /** The database's address: outside the nodes' range (127.0.0.2 up to 127.0.0.251) and named by no cut. */
    static final String HOST = "127.0.0.254";
    static final String USER = "lab";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final long STOP_WAIT_SECONDS = 30;

    private final int port;
    private final String password;
    private final Process process;
    private volatile boolean paused;

    private StoreDatabase(int port, String password, Process process) {
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /**
     * Starts the H2 server with its files under {@code dir} and its output in {@code log}, and returns once it
     * accepts connections.
     *
     * @throws IllegalStateException when H2 is not on the class path, or the server exits or does not listen
     *                               within 30 s (it is killed then; the message names the log)
     */
    static StoreDatabase start(Path dir, Path log, int port) {
        try {
            // A run starts from an empty database: files left by an earlier run into the same directory hold its
            // data (which this run's history knows nothing of) under its password (which this run does not have).
            deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + dir, e);
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dh2.bindAddress=" + HOST, "-cp", h2ClassPath(), "org.h2.tools.Server",
                "-tcp", "-tcpPort", Integer.toString(port), "-baseDir", dir.toAbsolutePath().toString(), "-ifNotExists");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the H2 database: " + e.getMessage(), e);
        }
        StoreDatabase db = new StoreDatabase(port, HexFormat.of().formatHex(secret), process);
        boolean listening = Poll.until(START_LIMIT, Duration.ofMillis(100), () -> !process.isAlive() || db.accepts());
        if (!listening || !process.isAlive()) {
            db.kill();
            throw new IllegalStateException("the H2 database did not " + (listening ? "stay up" : "listen on "
                    + HOST + ":" + port + " within " + START_LIMIT.toSeconds() + " s") + "; see " + log);
        }
        return db;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The JDBC URL the nodes are given. */
    public String url() {
        return "jdbc:h2:tcp://" + HOST + ":" + port + "/flotilla";
    }

    /** The database user. */
    public String user() {
        return USER;
    }

    /** The random password; for the nodes' environment only, never printed. */
    String password() {
        return password;
    }

    /** {@code store <host>:<port>}, e.g. for fault windows. */
    public String label() {
        return "store " + HOST + ":" + port;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process runs (a paused one runs). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether it is stopped by SIGSTOP now. */
    public boolean isPaused() {
        return paused && isAlive();
    }

    /** SIGSTOP: the server freezes with its sockets open, so calls to it hang until their timeout. */
    void pause() {
        Signals.send(process, "STOP", label());
        paused = true;
    }

    /** SIGCONT. */
    void resume() {
        Signals.send(process, "CONT", label());
        paused = false;
    }

    /** SIGKILL (it also ends a paused server), then waits until it is gone. Idempotent. */
    void kill() {
        process.destroyForcibly();
        Signals.awaitExit(process, STOP_WAIT_SECONDS);
        paused = false;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The jar (or directory) holding H2's server, from this JVM's class path. */
    private static String h2ClassPath() {
        try {
            Class<?> server = Class.forName("org.h2.tools.Server", false, StoreDatabase.class.getClassLoader());
            return Path.of(server.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("store: needs H2 on the lab's class path (the server jar has it; run the"
                    + " lab through bin/flotilla lab)", e);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate H2's jar: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return label() + (isAlive() ? " pid " + pid() + (paused ? " (paused)" : "") : " (stopped)");
    }
}
