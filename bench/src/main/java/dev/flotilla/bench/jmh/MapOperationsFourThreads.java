package dev.flotilla.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/** {@link MapOperations} from four threads on the two partition threads: throughput under contention for the CPU. */
@Threads(4)
public class MapOperationsFourThreads extends MapOperations {
}
