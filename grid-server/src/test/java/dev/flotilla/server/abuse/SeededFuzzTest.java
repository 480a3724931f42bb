package dev.flotilla.server.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fuzz of the HTTP API over raw sockets (so paths, headers and bodies can hold any bytes): at least 5,000
 * generated requests against one real node. Every answer must be below 500 (the health probes' own 503s aside),
 * every 4xx a problem+json with {@code code} and {@code definite: true}, and no request may hang.
 *
 * <p>The guarded data (map {@code guarded}, namespace {@code guarded}) is written before the fuzzing and compared
 * with a snapshot after it. The fuzzer never sends a valid write to it: a request aimed at it always carries at
 * least one flaw that must be refused (a charset other than UTF-8, a body cut short, nested too deep, with a too
 * long number or with bytes that are not UTF-8, a header on two lines, a bad Idempotency-Key or If-Match, an
 * unknown parameter), so an unchanged
 * snapshot shows that those rejections wrote nothing, even combined with noise. Everything else goes to other maps
 * and namespaces. Lab experiments are never started: a POST to the lab is always one of those flawed requests.
 *
 * <p>Run another seed with {@code -Dfuzz.seed=N}, more requests with {@code -Dfuzz.requests=N}.
 */
@Timeout(240)
class SeededFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 5000);
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private static final String[] MODES = {"unsafe", "atomic-key", "locked", "tx-one-phase", "tx-two-phase", "cp",
            "cp-unsafe", "", "ATOMIC-KEY", "bogus"};
    private static final String[] FUZZ_MAPS = {"f1", "f2", "fuzz.maps", "F-3"};
    private static final String[] FUZZ_NAMESPACES = {"fz1", "fz2"};
    private static final String[] GUARDED_KEYS = {"g0", "g1", "g2", "absent"};
    private static final String[] ACCOUNTS = {"alice", "bob"};

    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
        for (int i = 0; i < 3; i++) {
            assertThat(http.put("/maps/guarded/g" + i, "{\"g\":" + i + ",\"s\":\"seed\"}").status()).isEqualTo(201);
        }
        assertThat(http.put("/maps/guarded/g1", "{\"g\":1,\"s\":\"second\"}").status()).isEqualTo(200);
        assertThat(http.put("/registers/guarded/r", "{\"mode\":\"atomic-key\",\"value\":7}").status()).isEqualTo(200);
        assertThat(http.post("/counters/guarded", "{\"mode\":\"atomic-key\",\"delta\":5}").status()).isEqualTo(200);
        assertThat(http.post("/sets/guarded", "{\"mode\":\"atomic-key\",\"element\":3}").status()).isEqualTo(200);
        assertThat(http.post("/accounts", "{\"namespace\":\"guarded\",\"mode\":\"atomic-key\","
                + "\"balances\":{\"alice\":100,\"bob\":0}}").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** The guarded data, with versions, and the lab's list of experiments. */
    private static String guardedState() {
        List<String> lines = new ArrayList<>();
        for (String key : GUARDED_KEYS) {
            Http.Reply doc = http.get("/maps/guarded/" + key);
            lines.add(key + ": " + doc.status() + " " + doc.header("ETag").orElse("-") + " " + (doc.status() == 200 ? doc.body() : ""));
        }
        lines.add(http.get("/registers/guarded/r?mode=atomic-key").body());
        lines.add(http.get("/registers/guarded/absent?mode=atomic-key").body());
        lines.add(http.get("/counters/guarded?mode=atomic-key").body());
        lines.add(http.get("/sets/guarded?mode=atomic-key").body());
        lines.add(http.get("/accounts/guarded?mode=atomic-key&names=alice,bob,carol").body());
        lines.add(http.get("/lab/experiments").body());
        return String.join("\n", lines);
    }

    @Test
    void fuzz_seededRequests_noServerErrorProblemsOnlyGuardedDataUnchanged() {
        String before = guardedState();
        Random random = new Random(SEED);
        Generator generator = new Generator(random);
        URI base = node.uri();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            boolean flawed = random.nextInt(100) < 35;
            FuzzRequest request = flawed ? generator.flawedGuarded() : generator.anything();
            String failure;
            try {
                Response response = RawHttp.send(base, request.bytes());
                statuses.merge(String.valueOf(response.status()), 1, Integer::sum);
                failure = flawed && response.status() < 400 ? "a flawed write to guarded data was accepted: "
                        + response.status() + " " + cut(new String(response.body(), StandardCharsets.UTF_8), 300)
                        : check(request, response);
            } catch (SocketTimeoutException e) {
                failure = "no answer within " + READ_TIMEOUT_MILLIS + " ms";
            } catch (IOException e) {
                failure = "connection failed: " + e;
            }
            if (failure != null && failures.size() < 25) {
                failures.add("#" + i + " " + failure + "\n  request: " + request);
            }
        }
        String after = guardedState();
        System.out.printf("fuzz seed %d: %d requests, answers %s%n", SEED, REQUESTS, statuses);

        assertThat(failures).as("seed %d (-Dfuzz.seed=%d), %d requests, answers %s", SEED, SEED, REQUESTS, statuses)
                .isEmpty();
        assertThat(after).as("guarded data after fuzzing with seed %d", SEED).isEqualTo(before);
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private static String check(FuzzRequest request, Response response) {
        int status = response.status();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String summary = status + " " + response.header("content-type") + " " + cut(text, 400);
        if (status >= 500 && !(status == 503 && request.path().startsWith("/health"))) {
            return "server error " + summary;
        }
        if (status < 400 || request.method().equals("HEAD")) {
            return null;
        }
        if (!response.header("content-type").startsWith("application/problem+json")) {
            return "4xx not problem+json: " + summary;
        }
        try {
            JsonNode problem = Http.JSON.readTree(text);
            if (!problem.path("code").isTextual() || !problem.path("definite").isBoolean()
                    || !problem.path("definite").asBoolean() || problem.path("status").asInt() != status) {
                return "4xx problem without code, definite true and status: " + summary;
            }
        } catch (IOException e) {
            return "4xx body not JSON: " + summary;
        }
        return null;
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "...(" + s.length() + " chars)" : s;
    }

    /** One generated request; its text names every byte, so it can be sent again by hand. */
    record FuzzRequest(String method, String target, List<String[]> headers, byte[] body) {
        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1\r\nConnection: close\r\nContent-Length: ").append(body.length).append("\r\n");
            for (String[] header : headers) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method).append(' ').append(escape(target));
            for (String[] header : headers) {
                s.append("\n    ").append(header[0]).append(": ").append(escape(header[1]));
            }
            return s.append("\n    body (").append(body.length).append(" bytes): ")
                    .append(escape(cut(new String(body, StandardCharsets.ISO_8859_1), 300))).toString();
        }

        private static String escape(String s) {
            StringBuilder out = new StringBuilder();
            for (char c : s.toCharArray()) {
                out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xff));
            }
            return out.toString();
        }
    }

    /** A response: status, headers by lower-case name (the last line wins), body (chunks joined). */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}). */
    static final class RawHttp {
        private RawHttp() {
        }

        static Response send(URI base, byte[] request) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                return parse(readAll(socket.getInputStream()));
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("the answer did not end");
                }
            }
            return all.toByteArray();
        }

        private static Response parse(byte[] raw) throws IOException {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no complete response head in " + raw.length + " bytes: " + cut(text, 200));
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
                body = unchunk(body);
            }
            return new Response(status, headers, body);
        }

        private static byte[] unchunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String text = new String(chunked, StandardCharsets.ISO_8859_1);
            int at = 0;
            while (at < text.length()) {
                int lineEnd = text.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }
    }

    /** Makes requests from the seeded random source. */
    static final class Generator {
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        private <T> T pick(T[] options) {
            return options[random.nextInt(options.length)];
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        // --- requests aimed at the guarded data: always flawed ------------------------------------------------

        /** A write to the guarded data (or a lab submission) with at least one flaw that must be refused. */
        FuzzRequest flawedGuarded() {
            String key = pick(GUARDED_KEYS);
            String[][] targets = {
                    {"PUT", "/maps/guarded/" + key, "{\"g\":" + number() + ",\"s\":" + string() + "}"},
                    {"DELETE", "/maps/guarded/" + key, ""},
                    {"POST", "/maps/guarded/batch", "{\"get\":[\"g0\"],\"put\":{\"" + key + "\":{\"g\":9}}}"},
                    {"POST", "/tx", "{\"mode\":\"tx-two-phase\",\"operations\":[{\"op\":\"" + (chance(50) ? "put" : "append")
                            + "\",\"map\":\"guarded\",\"key\":\"" + key + "\",\"value\":{\"g\":9}}]}"},
                    {"PUT", "/registers/guarded/" + (chance(50) ? "r" : "absent"), "{\"mode\":\"atomic-key\",\"value\":" + random.nextInt(100) + "}"},
                    {"POST", "/registers/guarded/r/cas", "{\"mode\":\"atomic-key\",\"expected\":7,\"value\":" + random.nextInt(100) + "}"},
                    {"POST", "/counters/guarded", "{\"mode\":\"atomic-key\",\"delta\":" + (1 + random.nextInt(9)) + "}"},
                    {"POST", "/sets/guarded", "{\"mode\":\"atomic-key\",\"element\":" + random.nextInt(100) + "}"},
                    {"POST", "/accounts", "{\"namespace\":\"guarded\",\"mode\":\"atomic-key\",\"balances\":{\"carol\":5}}"},
                    {"POST", "/transfers", "{\"namespace\":\"guarded\",\"mode\":\"atomic-key\",\"from\":\"alice\",\"to\":\"bob\",\"amount\":1}"},
                    {"POST", "/lab/experiments", "{\"name\":\"fuzz\",\"workload\":\"register\",\"mode\":\"atomic-key\",\"time-limit\":\"1s\"}"}};
            int kind = random.nextInt(targets.length);
            String method = targets[kind][0];
            String path = targets[kind][1];
            String body = targets[kind][2];
            boolean lab = path.startsWith("/lab");
            boolean mapKey = kind <= 1;
            List<String[]> headers = new ArrayList<>();
            String contentType = "application/json";
            String query = "";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            // the flaws that apply to this request; one or two are applied
            List<Integer> flaws = new ArrayList<>(List.of(0, 1, 2, 3));
            if (!body.isEmpty()) {
                flaws.addAll(List.of(4, 5, 6, 7, 8, 11));
            }
            if (!lab) {
                flaws.add(9);
            }
            if (mapKey) {
                flaws.add(10);
            }
            boolean twoContentTypes = false;
            int count = 1 + random.nextInt(2);
            for (int f = 0; f < count; f++) {
                switch (flaws.get(random.nextInt(flaws.size()))) {
                    case 0 -> query = "?" + pick(new String[]{"foo=1", "tll=5", "mode=atomic-key&x=", "%ZZ=1", "names"});
                    case 1 -> twoContentTypes = true;
                    case 2 -> {
                        String tag = "\"" + (1 + random.nextInt(3)) + "\"";
                        headers.add(new String[]{"If-Match", tag});
                        headers.add(new String[]{"If-Match", tag});
                    }
                    case 3 -> {
                        headers.add(new String[]{"Idempotency-Key", "fz-" + random.nextInt(1000)});
                        headers.add(new String[]{"Idempotency-Key", "fz-" + random.nextInt(1000)});
                    }
                    case 4 -> contentType = "application/json; charset=" + pick(new String[]{"ebcdic", "utf-16",
                            "ISO-8859-1", "us-ascii", "\"utf-8\"", "", "utf-32", "x-unknown-1"});
                    case 5 -> contentType = pick(new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "multipart/form-data; boundary=x", "application/octet-stream"});
                    case 6 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length))); // an object cut short
                    case 7 -> bytes = insertValue(body, deep(257 + random.nextInt(2000)));
                    case 8 -> bytes = insertValue(body, "-".repeat(random.nextInt(2)) + "9".repeat(1001 + random.nextInt(5000)));
                    case 11 -> bytes = invalidUtf8(new String(bytes, StandardCharsets.UTF_8));
                    case 9 -> headers.add(new String[]{"Idempotency-Key", pick(new String[]{"has space", "x".repeat(256),
                            "caf\u00e9"})});
                    default -> headers.add(new String[]{pick(new String[]{"If-Match", "If-None-Match"}),
                            pick(new String[]{"abc", "1", "\"1", "w/\"1\"", "\"1\" \"2\"", "*, \"1\""})});
                }
            }
            if (twoContentTypes) {
                headers.add(0, new String[]{"Content-Type", "application/json"});
            }
            if (twoContentTypes || !body.isEmpty() || chance(50)) {
                headers.add(0, new String[]{"Content-Type", contentType});
            }
            noise(headers);
            return new FuzzRequest(method, path + query, headers, bytes);
        }

        /** The body with {@code value} in place of the scalar after its last colon. */
        private byte[] insertValue(String body, String value) {
            int colon = body.lastIndexOf(':');
            int end = colon + 1;
            while (end < body.length() && "}]".indexOf(body.charAt(end)) < 0 && body.charAt(end) != ',') {
                end++;
            }
            return (body.substring(0, colon + 1) + value + body.substring(end)).getBytes(StandardCharsets.UTF_8);
        }

        /** Headers that change nothing about the verdict on a flawed request. */
        private void noise(List<String[]> headers) {
            if (chance(20)) {
                headers.add(new String[]{"Accept", pick(new String[]{"application/json", "*/*", "text/html",
                        "application/problem+json", "application/json;q=0.5, */*;q=0.1"})});
            }
            if (chance(10)) {
                headers.add(new String[]{"X-Fuzz", string().replace("\"", "")});
            }
            if (chance(1)) {
                headers.add(new String[]{"X-Long", "h".repeat(9_000 + random.nextInt(9_000))}); // past Netty's header limit
            }
        }

        // --- anything else: never the guarded data ------------------------------------------------------------

        /** Any request over the API, valid or not, to maps and namespaces other than the guarded ones. */
        FuzzRequest anything() {
            List<Supplier<FuzzRequest>> kinds = List.of(
                    () -> request("GET", "/maps/" + mapName() + "/" + key(), null),
                    () -> request("PUT", "/maps/" + mapName() + "/" + key() + ttl(), this::document),
                    () -> request("DELETE", "/maps/" + mapName() + "/" + key(), null),
                    () -> request("POST", "/maps/" + mapName() + "/batch" + ttl(), this::batch),
                    () -> request("POST", "/tx", this::transaction),
                    () -> request(pick(new String[]{"GET", "PUT"}), "/registers/" + namespace() + "/" + key() + modeQuery(),
                            () -> "{\"mode\":" + mode() + ",\"value\":" + number() + "}"),
                    () -> request("POST", "/registers/" + namespace() + "/" + key() + "/cas",
                            () -> "{\"mode\":" + mode() + ",\"expected\":" + pick(new String[]{"null", number()})
                                    + ",\"value\":" + number() + "}"),
                    () -> request(pick(new String[]{"GET", "POST"}), "/counters/" + namespace() + modeQuery(),
                            () -> "{\"mode\":" + mode() + ",\"delta\":" + number() + "}"),
                    () -> request(pick(new String[]{"GET", "POST"}), "/sets/" + namespace() + modeQuery(),
                            () -> "{\"mode\":" + mode() + ",\"element\":" + number() + "}"),
                    () -> request("POST", "/accounts", () -> "{\"namespace\":\"" + namespace() + "\",\"mode\":" + mode()
                            + ",\"balances\":{\"" + pick(ACCOUNTS) + "\":" + number() + "}}"),
                    () -> request("GET", "/accounts/" + namespace() + modeQuery() + "&names=" + pick(new String[]{"alice,bob", "", ",,", "%00"}), null),
                    () -> request("POST", "/transfers", () -> "{\"namespace\":\"" + namespace() + "\",\"mode\":" + mode()
                            + ",\"from\":\"" + pick(ACCOUNTS) + "\",\"to\":\"" + pick(ACCOUNTS) + "\",\"amount\":" + number() + "}"),
                    () -> request("GET", pick(new String[]{"/cluster", "/cluster/members", "/cluster/partitions",
                            "/cluster/migrations", "/cluster/maps", "/cluster/data-loss", "/health", "/health/liveness",
                            "/health/readiness", "/health/safe", "/lab/experiments", "/lab/experiments/" + key(),
                            "/lab/experiments/" + key() + "/report", "/lab/experiments/" + key() + "/history",
                            "/swagger/flotilla-0.1.yml", "/dashboard", "/", "/prometheus"}) + pick(new String[]{"", "", "?x=1", "?mode=cp"}), null),
                    () -> request(pick(new String[]{"PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "PUT", "POST"}),
                            pick(new String[]{"/maps/" + mapName() + "/" + key(), "/tx", "/cluster", "/maps", "/maps/f1",
                                    "/lab/experiments/x", "/health", "/nowhere", "/maps/f1/batch/x", "//maps//f1"}), this::document));
            return kinds.get(random.nextInt(kinds.size())).get();
        }

        private FuzzRequest request(String method, String target, Supplier<String> body) {
            List<String[]> headers = new ArrayList<>();
            byte[] bytes = body == null || chance(5) && !method.equals("GET") ? new byte[0] : mutate(body.get());
            if (body != null || chance(10)) {
                headers.add(new String[]{"Content-Type", contentType()});
            }
            if (chance(15)) {
                headers.add(new String[]{"Idempotency-Key", pick(new String[]{"k-" + random.nextInt(50), "", " ", "x".repeat(300),
                        "\u00ff\u00fe", "a,b", "k-" + random.nextInt(50)})});
            }
            if (chance(15)) {
                headers.add(new String[]{pick(new String[]{"If-Match", "If-None-Match"}), pick(new String[]{"\"1\"", "*",
                        "W/\"1\"", "\"1\", \"2\"", "abc", "\"99999999999999999999999\"", "\"-1\"", "", "\"1\",", ",", "\"\u00e9\""})});
            }
            if (chance(5)) {
                String[] repeated = pick(new String[][]{{"If-Match", "\"1\""}, {"Idempotency-Key", "k"}, {"Content-Type", "application/json"}});
                headers.add(repeated);
                headers.add(repeated);
            }
            if (chance(10)) {
                headers.add(new String[]{"Accept", pick(new String[]{"text/html", "application/xml", "*/*", "x", "",
                        "application/json;q=0", "text/event-stream", "application/problem+json"})});
            }
            noise(headers);
            return new FuzzRequest(method, target, headers, bytes);
        }

        private String contentType() {
            if (chance(70)) {
                return pick(new String[]{"application/json", "application/json; charset=utf-8", "application/json;charset=UTF8"});
            }
            return pick(new String[]{"application/json", "application/json", "application/json", "application/json; charset=utf-8",
                    "application/json; charset=ebcdic", "application/json; charset=utf-16", "application/json;charset=\"utf-8\"",
                    "text/plain", "application/yaml", "", ";;;", "application/json; charset", "application/json; =x",
                    "application/json; charset=utf-8; charset=latin1", "*/*", "application/*", "json", "application/json\u00e9",
                    "APPLICATION/JSON", "application/json; boundary=\"unterminated"});
        }

        private byte[] mutate(String valid) {
            int how = random.nextInt(22);
            return switch (how) {
                case 0 -> java.util.Arrays.copyOf(valid.getBytes(StandardCharsets.UTF_8), random.nextInt(valid.length() + 1));
                case 1 -> deep(1 + random.nextInt(600)).getBytes(StandardCharsets.UTF_8);
                case 2 -> valid.replaceFirst("\\d+", "9".repeat(900 + random.nextInt(300))).getBytes(StandardCharsets.UTF_8);
                case 3 -> invalidUtf8(valid);
                case 4 -> pick(new String[]{"", " ", "null", "[]", "{}", "\"x\"", "0", "true", "{\"mode\":null}",
                        "{\"operations\":null,\"mode\":\"tx-two-phase\"}", "{\"get\":null,\"put\":null}"}).getBytes(StandardCharsets.UTF_8);
                case 5 -> {
                    byte[] garbage = new byte[random.nextInt(200)];
                    random.nextBytes(garbage);
                    yield garbage;
                }
                case 6 -> valid.replaceFirst(":\\s*-?\\d+", ":" + pick(new String[]{"\"7\"", "1.5", "1e400", "-0",
                        "[]", "{}", "null", "true", "99999999999999999999", "-9223372036854775809", "9223372036854775807",
                        "0.0000001", "1E2", "-1"})).getBytes(StandardCharsets.UTF_8);
                case 7 -> (valid + pick(new String[]{" {}", "x", ",", "]", "\u0000"})).getBytes(StandardCharsets.UTF_8);
                case 8 -> valid.replaceFirst("\\{", "{\"mode\":\"atomic-key\",").getBytes(StandardCharsets.UTF_8); // a field twice
                case 9 -> ("\ufeff" + valid).getBytes(StandardCharsets.UTF_8);
                case 10 -> valid.replaceFirst("\"[a-z]+\"", "\"" + "s".repeat(random.nextInt(70_000)) + "\"").getBytes(StandardCharsets.UTF_8);
                default -> valid.getBytes(StandardCharsets.UTF_8);
            };
        }

        private byte[] invalidUtf8(String valid) {
            byte[] text = valid.getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(text.length + 1);
            byte[] bad = pick(new byte[][]{{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {0}});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(text, 0, at);
            out.writeBytes(bad);
            out.write(text, at, text.length - at);
            return out.toByteArray();
        }

        private String deep(int depth) {
            return chance(50) ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }

        private String document() {
            return json(0);
        }

        private String json(int depth) {
            int kind = depth > 3 ? 2 + random.nextInt(4) : random.nextInt(6);
            return switch (kind) {
                case 0 -> {
                    StringBuilder s = new StringBuilder("{");
                    for (int i = random.nextInt(4); i > 0; i--) {
                        s.append(string()).append(':').append(json(depth + 1)).append(i > 1 ? "," : "");
                    }
                    yield s.append('}').toString();
                }
                case 1 -> {
                    StringBuilder s = new StringBuilder("[");
                    for (int i = random.nextInt(4); i > 0; i--) {
                        s.append(json(depth + 1)).append(i > 1 ? "," : "");
                    }
                    yield s.append(']').toString();
                }
                case 2 -> string();
                case 3 -> number();
                case 4 -> pick(new String[]{"true", "false", "null"});
                default -> pick(new String[]{"1.5e308", "-0.0", "1E-400", "\"\\u0000\"", "\"\\ud800\"", "\"\u00e9\u4e2d\ud83d\ude00\""});
            };
        }

        private String string() {
            return pick(new String[]{"\"a\"", "\"\"", "\"k\"", "\"mode\"", "\"value\"", "\"\\\"q\\\"\"", "\"\\n\\t\"",
                    "\"\u00e9\"", "\"" + "z".repeat(random.nextInt(300)) + "\""});
        }

        private String number() {
            return pick(new String[]{"0", "1", "7", "-5", "42", "2147483648", "9223372036854775807", "1.25", "100"});
        }

        private String batch() {
            StringBuilder s = new StringBuilder("{\"get\":[");
            for (int i = random.nextInt(3); i > 0; i--) {
                s.append('"').append(key()).append('"').append(i > 1 ? "," : "");
            }
            s.append("],\"put\":{");
            for (int i = random.nextInt(3); i > 0; i--) {
                s.append('"').append(key()).append("\":").append(document()).append(i > 1 ? "," : "");
            }
            return s.append("}}").toString();
        }

        private String transaction() {
            StringBuilder s = new StringBuilder("{\"mode\":").append(mode()).append(",\"operations\":[");
            for (int i = random.nextInt(4); i > 0; i--) {
                String op = pick(new String[]{"get", "put", "delete", "append", "merge"});
                s.append("{\"op\":\"").append(op).append("\",\"map\":\"").append(pick(FUZZ_MAPS)).append("\",\"key\":\"")
                        .append(key()).append('"');
                if (!op.equals("get") && !op.equals("delete") || chance(10)) {
                    s.append(",\"value\":").append(document());
                }
                if (chance(30)) {
                    s.append(",\"ifVersion\":").append(pick(new String[]{"0", "1", "-1", "2.5", "\"1\"", "null"}));
                }
                s.append('}').append(i > 1 ? "," : "");
            }
            return s.append("]}").toString();
        }

        private String mode() {
            return chance(5) ? pick(new String[]{"null", "1", "[]"}) : "\"" + pick(MODES) + "\"";
        }

        private String modeQuery() {
            return pick(new String[]{"?mode=atomic-key", "?mode=tx-two-phase", "?mode=cp-unsafe", "?mode=locked", "?mode=",
                    "", "?mode=cp", "?mode=bogus&mode=unsafe", "?mode=%ZZ"});
        }

        private String ttl() {
            return pick(new String[]{"", "", "", "?ttl=60", "?ttl=0", "?ttl=abc", "?ttl=-1", "?ttl=316224001",
                    "?ttl=99999999999999999999", "?ttl=5&ttl=6", "?tll=5", "?ttl"});
        }

        private String mapName() {
            return random.nextInt(10) < 7 ? pick(FUZZ_MAPS) : pick(new String[]{"_hidden", "bad!name", "m".repeat(65),
                    "%2F", "%00", "%ZZ", "%C3", "\u00e9t\u00e9", "a%20b", "..", "x%2e", "f1;x=1"});
        }

        private String key() {
            return random.nextInt(10) < 6 ? "k" + random.nextInt(20) : pick(new String[]{"%2Fx", "a%01b", "k".repeat(257),
                    "%ZZ", "%C3%28", "%F0%9F%98%80", "\u00ff", "sp%20ace", "..", "%", "k?x", "k#frag", "%u0041", "a%2Fb",
                    "\u0080", "k".repeat(5000)});
        }

        private String namespace() {
            return random.nextInt(10) < 7 ? pick(FUZZ_NAMESPACES) : pick(new String[]{"_x", "bad!", "n".repeat(49), "%00",
                    "%ZZ", "\u00e9"});
        }
    }
}
