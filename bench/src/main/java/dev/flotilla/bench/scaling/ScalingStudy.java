package dev.flotilla.bench.scaling;

import dev.flotilla.bench.scaling.StudySettings.Section;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.lab.fleet.NodeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * {@code bin/flotilla bench scaling [--quick] [--out DIR] [--sections hops,vertical,horizontal,join]
 * [--sizes 1,2,3,5] [--join-entries N]}: the scaling study (docs/scaling.md). It measures, on this machine, the cost of each hop
 * (in-process, HTTP to the owner, HTTP through a node that forwards), one node on one core versus two, one to five
 * nodes under each routing policy (also with one slow node, and one crashed), and a node joining a loaded cluster;
 * then projects 1 to 32 machines with {@link ScalingModel}. Writes {@code DIR/index.html} and
 * {@code DIR/results.json} (default {@code target/bench/scaling}).
 *
 * <p>Exit codes as every command's: 0 written, 64 usage, 69 a tool it needs is missing (taskset), 70 a measurement
 * failed, 74 the report could not be written, 130 interrupted (no report: the nodes were
 * killed under the measurement). Every node process it starts is killed when it ends, however it ends
 * (the lab fleet's shutdown hook covers Ctrl-C); a node it stopped with SIGSTOP is resumed or killed.
 */
public final class ScalingStudy {
    /** Notes of parts that stopped early start with this; the command then exits 70 after writing the report. */
    static final String INCOMPLETE = "incomplete: ";
    private static final String USAGE = "usage: bin/flotilla bench scaling [--quick] [--out DIR]"
            + " [--sections hops,vertical,horizontal,join] [--sizes 1,2,3,5] [--join-entries N]";

    private final StudySettings settings;
    private final StudyLog log = new StudyLog();
    private final List<String> notes = new ArrayList<>();

    ScalingStudy(StudySettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the study as the command does and returns its exit code (tests call this, not {@link #main}). */
    static int execute(String[] args) {
        StudySettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flotilla bench scaling: " + e.getMessage());
            System.err.println(USAGE);
            return 64;
        }
        if (settings.runs(Section.VERTICAL) && !tasksetPresent()) {
            System.err.println("flotilla bench scaling: the vertical cells need taskset (util-linux); install it or"
                    + " leave 'vertical' out of --sections");
            return 69;
        }
        // Node processes get the product's JVM options, not the lab's small defaults (unless the caller chose).
        if (System.getProperty("flotilla.lab.node-java-opts") == null) {
            System.setProperty("flotilla.lab.node-java-opts", settings.nodeJavaOpts());
        }
        // Ctrl-C: the fleet's own hook kills the nodes while this thread may still be measuring them; a report
        // written after that would hold cells measured against dead nodes, so none is written.
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> stopping.set(true), "scaling-study-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runAndWrite(settings, stopping);
        } finally {
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private static int runAndWrite(StudySettings settings, java.util.concurrent.atomic.AtomicBoolean stopping) {
        Report report;
        try {
            report = new ScalingStudy(settings).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("flotilla bench scaling: interrupted");
            return 70;
        } catch (Exception e) {
            System.err.println("flotilla bench scaling: a measurement failed: " + e);
            e.printStackTrace();
            return 70;
        }
        if (stopping.get()) {
            System.err.println("flotilla bench scaling: interrupted; no report written");
            return 130;
        }
        try {
            report.write(settings.out());
        } catch (IOException e) {
            System.err.println("flotilla bench scaling: cannot write the report under " + settings.out() + ": " + e);
            return 74;
        }
        System.err.println("flotilla bench scaling: wrote " + settings.out().resolve("index.html") + " and results.json");
        return report.notes().stream().anyMatch(n -> n.startsWith(INCOMPLETE)) ? 70 : 0;
    }

    static StudySettings parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("target", "bench", "scaling");
        String sections = null;
        Integer joinEntries = null;
        List<Integer> sizes = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--sections" -> sections = value(args, ++i, "--sections");
                case "--sizes" -> sizes = sizes(value(args, ++i, "--sizes"));
                case "--join-entries" -> {
                    String v = value(args, ++i, "--join-entries");
                    try {
                        joinEntries = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--join-entries must be a number, not '" + v + "'");
                    }
                    if (joinEntries < 1000) {
                        throw new IllegalArgumentException("--join-entries must be at least 1000, not " + joinEntries);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        StudySettings settings = quick ? StudySettings.quick(out) : StudySettings.full(out);
        if (sections != null) {
            EnumSet<Section> chosen = EnumSet.noneOf(Section.class);
            for (String s : sections.split(",")) {
                chosen.add(Section.of(s.strip()));
            }
            settings = settings.withSections(chosen);
        }
        if (sizes != null) {
            settings = settings.withSizes(sizes);
        }
        return joinEntries == null ? settings : settings.withJoinEntries(joinEntries);
    }

    private static List<Integer> sizes(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String s : list.split(",")) {
            try {
                int n = Integer.parseInt(s.strip());
                if (n < 1 || n > 9) {
                    throw new IllegalArgumentException("--sizes takes node counts from 1 to 9, not " + n);
                }
                sizes.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes takes node counts such as 1,2,3,5, not '" + list + "'");
            }
        }
        return sizes;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    Report run() throws Exception {
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("nodeJavaOpts", System.getProperty("flotilla.lab.node-java-opts"));
        log.say("scaling study " + (settings.quick() ? "(quick) " : "") + "sections " + settings.sections()
                + ", load average " + loadAverage());
        List<Cell> cells = new ArrayList<>();
        HopCost hops = new HopCost(settings, log);
        Horizontal horizontal = settings.runs(Section.HORIZONTAL) ? new Horizontal(settings, log) : null;
        if (settings.runs(Section.HOPS)) {
            cells.addAll(hops.inProcess());
        }
        if (settings.runs(Section.HOPS) || settings.runs(Section.VERTICAL) || horizontal != null) {
            Files.createDirectories(settings.out());
            try (StudyFleet fleet = StudyFleet.start(settings.capacity(), settings.out().resolve("nodes"))) {
                List<String> keys = Op.keys("k", settings.keys());
                StudyFleet.load(fleet.clientOf(fleet.nodes().get(0)).map("scaling"), keys, 2);
                warm(fleet, keys);
                if (settings.runs(Section.VERTICAL)) {
                    cells.addAll(new Vertical(settings, log).run(fleet, keys));
                }
                TreeSet<Integer> sizes = new TreeSet<>();
                if (horizontal != null) {
                    sizes.addAll(settings.sizes());
                }
                if (settings.runs(Section.HOPS)) {
                    sizes.add(1);
                    sizes.add(2);
                }
                for (int size : sizes) {
                    int was = fleet.nodes().size();
                    fleet.growTo(size, this::note);
                    log.say("fleet: " + size + " nodes, safe: " + fleet.nodes().stream().map(NodeProcess::label).toList());
                    if (size != was) {
                        warm(fleet, keys);
                    }
                    if (size == 1 && settings.runs(Section.HOPS)) {
                        cells.addAll(hops.alone(fleet));
                    }
                    if (size == 2 && settings.runs(Section.HOPS)) {
                        cells.addAll(hops.overHttp(fleet));
                    }
                    if (horizontal != null && settings.sizes().contains(size)) {
                        horizontal.measureAt(fleet, keys);
                    }
                }
                if (horizontal != null && fleet.nodes().size() > 1) {
                    try {
                        horizontal.crashOne(fleet, keys);
                    } catch (IllegalStateException slow) {
                        note("horizontal: the crash cell did not finish: " + slow.getMessage());
                    }
                }
            } catch (RuntimeException e) { // report what was measured, and say what was not
                note(INCOMPLETE + "the node-process cells stopped early: " + e
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
            if (horizontal != null) {
                cells.addAll(horizontal.result().cells());
            }
        }
        JoinUnderLoad.Result join = null;
        if (settings.runs(Section.JOIN)) {
            try {
                join = new JoinUnderLoad(settings, log, notes).run(settings.out().resolve("nodes-join"));
            } catch (RuntimeException e) {
                note(INCOMPLETE + "the join did not finish: " + e
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
        }
        machine.put("loadAverageAtEnd", loadAverage());
        List<Cell> medians = Cell.medians(cells);
        List<HopFigures> hopFigures = settings.runs(Section.HOPS) ? HopFigures.from(medians, settings.threads()) : List.of();
        ScalingModel model = hopFigures.isEmpty() ? null : model(medians, hopFigures);
        List<ScalingModel.Point> projection = List.of();
        List<ScalingModel.Point> shared = new ArrayList<>();
        if (model != null) {
            List<Integer> machines = IntStream.rangeClosed(1, 32).boxed().toList();
            projection = model.project(machines, List.of(Routing.values()), true);
            int cores = Runtime.getRuntime().availableProcessors();
            for (int n = 1; n <= Math.max(5, settings.sizes().get(settings.sizes().size() - 1)); n++) {
                shared.add(new ScalingModel.Point(n, "non-owner-aware, on this machine", false,
                        model.cpuMicrosPerOp(n, false) + model.clientMicros(), model.sharedMachine(n, false, cores),
                        Double.NaN));
            }
        }
        return new Report(date, settings.quick(), machine, settingsMap(), cells, medians, hopFigures,
                horizontal == null ? null : horizontal.result(), join, model, projection, shared, List.copyOf(notes));
    }

    private void note(String text) {
        log.say(text);
        notes.add(text);
    }

    /** A new node starts cold (interpreted, then JIT-compiled): run the mixed load on every node before measuring. */
    private void warm(StudyFleet fleet, List<String> keys) throws InterruptedException {
        FlotillaClient client = fleet.client(fleet.nodes().stream().map(NodeProcess::http).toList(), Routing.ROUND_ROBIN);
        try (ClosedLoop loop = ClosedLoop.start("warm", settings.threads(), Op.MIX.over(client.map("scaling"), keys))) {
            loop.measure(settings.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(8), Duration.ZERO,
                    CpuMeter.selfOnly());
        } finally {
            client.close();
        }
    }

    /** The model's inputs from part (a)'s saturated cells, and part (b)'s one-node put for the backup's cost. */
    private ScalingModel model(List<Cell> medians, List<HopFigures> hops) {
        int t = settings.threads();
        Cell getOwner = Cell.find(medians, "http-owner", "get", t);
        Cell putOwner = Cell.find(medians, "http-owner", "put", t);
        Cell putAlone = Cell.find(medians, "http-alone", "put", t);
        double backup = 0;
        if (putAlone == null) {
            notes.add("model: no one-node put measured: a backup's CPU is taken as 0");
        } else {
            backup = putOwner.nodeCpuMicrosPerOp() - putAlone.nodeCpuMicrosPerOp();
            if (backup < 0) {
                notes.add(String.format(java.util.Locale.ROOT, "model: a put with its backup measured %.0f µs less"
                        + " node CPU than one without (noise): the backup's CPU is taken as 0", -backup));
                backup = 0;
            }
        }
        HopFigures get = HopFigures.of(hops, Op.GET);
        HopFigures put = HopFigures.of(hops, Op.PUT);
        double r = Op.READ_FRACTION;
        double w = 1 - r;
        return new ScalingModel(getOwner.nodeCpuMicrosPerOp(), putOwner.nodeCpuMicrosPerOp() - backup,
                nonNegative(get.memberHopCpuMicros(), "get hop CPU"), nonNegative(put.memberHopCpuMicros(), "put hop CPU"),
                backup, r * getOwner.clientCpuMicrosPerOp() + w * putOwner.clientCpuMicrosPerOp(), r, 1,
                Runtime.getRuntime().availableProcessors(), r * get.httpOwnerP50() + w * put.httpOwnerP50(),
                nonNegative(get.memberHopMicros(), "get hop latency"), nonNegative(put.memberHopMicros(), "put hop latency"),
                ScalingModel.DEFAULT_RTT_MICROS);
    }

    private double nonNegative(double value, String what) {
        if (value < 0) {
            notes.add(String.format(java.util.Locale.ROOT, "model: the %s measured negative (%.0f µs, noise): taken as 0",
                    what, value));
            return 0;
        }
        return value;
    }

    private Map<String, Object> settingsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sections", settings.sections().stream().map(s -> s.id).toList());
        m.put("warmupSeconds", settings.warmup().toMillis() / 1e3);
        m.put("windowSeconds", settings.window().toMillis() / 1e3);
        m.put("rounds", settings.rounds());
        m.put("horizontalRounds", settings.horizontalRounds());
        m.put("threads", settings.threads());
        m.put("keys", settings.keys());
        m.put("documentBytes", Op.DOCUMENT.length());
        m.put("mixReadFraction", Op.READ_FRACTION);
        m.put("sizes", settings.sizes());
        m.put("slowAt", settings.slowAt());
        m.put("slowNodeDutyCycle", Horizontal.STOPPED.toMillis() + " ms stopped / " + Horizontal.RUNNING.toMillis()
                + " ms running");
        m.put("joinEntries", settings.joinEntries());
        m.put("routings", java.util.Arrays.stream(Routing.values()).map(Routing::id).toList());
        m.put("backupCount", 1);
        m.put("partitions", 271);
        m.put("idempotencyKeys", false);
        return m;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static boolean tasksetPresent() {
        try {
            Process p = new ProcessBuilder("taskset", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
