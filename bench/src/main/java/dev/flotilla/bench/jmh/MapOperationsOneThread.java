package dev.flotilla.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/** {@link MapOperations} from one thread: the latency of one caller. */
@Threads(1)
public class MapOperationsOneThread extends MapOperations {
}
