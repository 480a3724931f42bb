package dev.flotilla.lab.check.elle;

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
 * Generates list-append histories of strictly serializable executions: each transaction is invoked, applied
 * atomically to an in-memory store at a random later moment (so concurrent transactions take effect in some order
 * inside their windows), and completed later still. Keys rotate: a key that took {@link #APPENDS_PER_KEY} appends is
 * retired and a fresh one takes its place, so reads stay short, as in Elle's own generator.
 *
 * <p>{@code main(out, seed, transactions, keys, processes)} writes one to a file, for timing the checker.
 */
public final class SyntheticTransactions {

    static final int APPENDS_PER_KEY = 32;

    private SyntheticTransactions() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: SyntheticTransactions <out.jsonl> <seed> <transactions> <keys> <processes>");
            System.exit(64);
        }
        HistoryFile.write(Path.of(args[0]), generate(Long.parseLong(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4])));
    }

    /** A history of {@code transactions} ok transactions of 1-4 micro-ops over about {@code keys} live keys. */
    static List<Event> generate(long seed, int transactions, int keys, int processes) {
        Random random = new Random(seed);
        Map<String, List<Long>> store = new HashMap<>();
        Map<String, Integer> appends = new HashMap<>();
        String[] live = new String[keys];
        int nextKey = 0;
        for (int i = 0; i < keys; i++) {
            live[i] = "k" + nextKey++;
        }
        long nextElement = 1;
        List<Event> events = new ArrayList<>(transactions * 2);
        // per process: the invoked micro-ops, then the applied ones (null while not yet applied)
        Object[][][] invoked = new Object[processes][][];
        Object[][][] applied = new Object[processes][][];
        int started = 0;
        int done = 0;
        while (done < transactions) {
            int p = random.nextInt(processes);
            if (invoked[p] == null) {
                if (started == transactions) {
                    continue;
                }
                int size = 1 + random.nextInt(4);
                Object[][] mops = new Object[size][];
                for (int i = 0; i < size; i++) {
                    String key = live[random.nextInt(keys)];
                    mops[i] = random.nextBoolean() ? TxnHistory.append(key, nextElement++) : TxnHistory.unknownRead(key);
                }
                invoked[p] = mops;
                started++;
                events.add(TxnHistory.event(events.size(), p, EventType.INVOKE, mops));
            } else if (applied[p] == null) {
                Object[][] mops = invoked[p];
                Object[][] result = new Object[mops.length][];
                for (int i = 0; i < mops.length; i++) {
                    String key = (String) mops[i][1];
                    List<Long> list = store.computeIfAbsent(key, k -> new ArrayList<>());
                    if (mops[i][0].equals("append")) {
                        list.add((Long) mops[i][2]);
                        result[i] = mops[i];
                        if (appends.merge(key, 1, Integer::sum) == APPENDS_PER_KEY) {
                            for (int k = 0; k < keys; k++) {
                                if (live[k].equals(key)) {
                                    live[k] = "k" + nextKey++;
                                }
                            }
                        }
                    } else {
                        result[i] = TxnHistory.read(key, list.stream().mapToLong(Long::longValue).toArray());
                    }
                }
                applied[p] = result;
            } else {
                events.add(TxnHistory.event(events.size(), p, EventType.OK, applied[p]));
                invoked[p] = null;
                applied[p] = null;
                done++;
            }
        }
        return events;
    }
}
