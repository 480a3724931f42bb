package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.HistoryFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random histories of an atomic cas register per key, linearizable by construction; for tests and
 * the checker benchmark only.
 *
 * <p>Each of N client slots cycles invoke -> apply -> complete, and each step picks a random
 * slot, so operations overlap at random. The operation takes effect at its apply step against
 * one in-memory register per key. Every written value is unique. With probability
 * {@code infoRate} an operation ends in info, half of them after applying and half before; the
 * slot then continues under a new process id, as a real client would.
 */
public final class SyntheticHistories {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SyntheticHistories() {
    }

    /** Writes a history: {@code <out.jsonl> <operations> <keys> <processes> [seed] [infoRate] [valueRange]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: SyntheticHistories <out.jsonl> <operations> <keys> <processes> [seed] [infoRate]"
                    + " [valueRange (0 = unique values)]");
            System.exit(64);
        }
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        double infoRate = args.length > 5 ? Double.parseDouble(args[5]) : 0.002;
        int valueRange = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        List<Event> events = casRegister(seed, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), infoRate, valueRange);
        HistoryFile.write(Path.of(args[0]), events);
        System.out.println("wrote " + events.size() + " events to " + args[0]);
    }

    /** Returns the events of {@code operations} operations by {@code processes} concurrent clients on {@code keys} keys, with unique values. */
    public static List<Event> casRegister(long seed, int operations, int keys, int processes, double infoRate) {
        return casRegister(seed, operations, keys, processes, infoRate, 0);
    }

    /**
     * As {@link #casRegister(long, int, int, int, double)}, but values are drawn from
     * 1..{@code valueRange} (0 means unique), as in Jepsen's register workload: repeated values
     * make the search much harder.
     */
    static List<Event> casRegister(long seed, int operations, int keys, int processes, double infoRate,
                                   int valueRange) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>(operations * 2);
        Map<String, Integer> registers = new HashMap<>();
        int[] process = new int[processes];
        int[] phase = new int[processes]; // 0 idle, 1 invoked, 2 applied
        String[] key = new String[processes];
        String[] f = new String[processes];
        JsonNode[] value = new JsonNode[processes];
        EventType[] outcome = new EventType[processes];
        JsonNode[] result = new JsonNode[processes];
        for (int p = 0; p < processes; p++) {
            process[p] = p;
        }
        int nextProcess = processes;
        int nextValue = 1;
        int invoked = 0;
        int busy = 0;
        while (invoked < operations || busy > 0) {
            int p = random.nextInt(processes);
            switch (phase[p]) {
                case 0 -> {
                    if (invoked == operations) {
                        continue;
                    }
                    key[p] = keys == 1 ? null : "k" + random.nextInt(keys);
                    int dice = random.nextInt(10);
                    Integer current = registers.get(String.valueOf(key[p]));
                    if (dice < 4) {
                        f[p] = "read";
                        value[p] = NullNode.getInstance();
                    } else if (dice < 7) {
                        f[p] = "write";
                        value[p] = IntNode.valueOf(valueRange > 0 ? 1 + random.nextInt(valueRange) : nextValue++);
                    } else {
                        f[p] = "cas";
                        // Usually expect the current value so that many cas succeed; sometimes a stale one.
                        int expected = current != null && random.nextInt(4) > 0 ? current
                                : valueRange > 0 ? 1 + random.nextInt(valueRange) : Math.max(1, nextValue - 1 - random.nextInt(3));
                        value[p] = JSON.arrayNode().add(expected)
                                .add(valueRange > 0 ? 1 + random.nextInt(valueRange) : nextValue++);
                    }
                    events.add(new Event(events.size(), events.size() * 1000L, process[p], EventType.INVOKE, f[p],
                            key[p], value[p]));
                    invoked++;
                    busy++;
                    phase[p] = 1;
                }
                case 1 -> {
                    if (random.nextDouble() < infoRate / 2) {
                        complete(events, process[p], EventType.INFO, f[p], key[p], NullNode.getInstance());
                        process[p] = nextProcess++;
                        phase[p] = 0;
                        busy--;
                        continue;
                    }
                    String register = String.valueOf(key[p]);
                    Integer current = registers.get(register);
                    switch (f[p]) {
                        case "read" -> {
                            outcome[p] = EventType.OK;
                            result[p] = current == null ? NullNode.getInstance() : IntNode.valueOf(current);
                        }
                        case "write" -> {
                            registers.put(register, value[p].intValue());
                            outcome[p] = EventType.OK;
                            result[p] = value[p];
                        }
                        default -> {
                            boolean matches = current != null && current == value[p].get(0).intValue();
                            if (matches) {
                                registers.put(register, value[p].get(1).intValue());
                            }
                            outcome[p] = matches ? EventType.OK : EventType.FAIL;
                            result[p] = value[p];
                        }
                    }
                    phase[p] = 2;
                }
                default -> {
                    boolean lost = random.nextDouble() < infoRate / 2;
                    complete(events, process[p], lost ? EventType.INFO : outcome[p], f[p], key[p],
                            lost ? NullNode.getInstance() : result[p]);
                    if (lost) {
                        process[p] = nextProcess++;
                    }
                    phase[p] = 0;
                    busy--;
                }
            }
        }
        return events;
    }

    /**
     * Returns a copy where one late ok read returns the first value ever written on its key, which
     * was surely overwritten before the read began: a stale read that no linearization allows.
     */
    static List<Event> withStaleRead(List<Event> events) {
        Map<String, Long> firstWriteDone = new HashMap<>();
        Map<String, JsonNode> firstValue = new HashMap<>();
        Map<String, Long> overwrittenAt = new HashMap<>();
        Map<Integer, Event> inFlight = new HashMap<>();
        List<Event> out = new ArrayList<>(events);
        int target = -1;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.type() == EventType.INVOKE) {
                inFlight.put(e.process(), e);
                continue;
            }
            Event invoke = inFlight.remove(e.process());
            String k = String.valueOf(e.key());
            if (e.type() == EventType.OK && e.f().equals("write")) {
                if (!firstWriteDone.containsKey(k)) {
                    firstWriteDone.put(k, e.index());
                    firstValue.put(k, e.value());
                } else if (!overwrittenAt.containsKey(k) && invoke.index() > firstWriteDone.get(k)) {
                    overwrittenAt.put(k, e.index());
                }
            }
            if (e.type() == EventType.OK && e.f().equals("read") && overwrittenAt.containsKey(k)
                    && invoke.index() > overwrittenAt.get(k) && i > events.size() / 2) {
                target = i;
                break;
            }
        }
        if (target < 0) {
            throw new IllegalStateException("no read late enough to make stale");
        }
        Event read = events.get(target);
        out.set(target, new Event(read.index(), read.time(), read.process(), read.type(), read.f(), read.key(),
                firstValue.get(String.valueOf(read.key()))));
        return out;
    }

    private static void complete(List<Event> events, int process, EventType type, String f, String key, JsonNode value) {
        events.add(new Event(events.size(), events.size() * 1000L, process, type, f, key, value));
    }
}
