package dev.flotilla.bench.jmh;

import com.hazelcast.core.HazelcastJsonValue;
import dev.flotilla.grid.internal.Envelope;
import dev.flotilla.grid.internal.JsonDocuments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The CPU work grid-core adds around a map operation, without a member: wrapping a document in its versioned
 * envelope, reading the version, the operation id and the document back, and validating a document (100
 * characters and 10 KB) under the JSON limits, as every write does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx512m"})
public class EnvelopeAndValidation {
    final String small = Documents.ofLength(100, 7);
    final String large = Documents.ofLength(10 * 1024, 7);
    final HazelcastJsonValue stored = Envelope.wrap(41, 0x1234_5678_9abc_def0L, small);

    @Benchmark
    public HazelcastJsonValue envelopeWrap() {
        return Envelope.wrap(42, 0x1234_5678_9abc_def0L, small);
    }

    @Benchmark
    public long envelopeVersion() {
        return Envelope.version(stored);
    }

    @Benchmark
    public long envelopeOperationId() {
        return Envelope.operationId(stored);
    }

    @Benchmark
    public String envelopeDocument() {
        return Envelope.document(stored);
    }

    @Benchmark
    public String validate100Bytes() {
        return JsonDocuments.requireValid(small);
    }

    @Benchmark
    public String validate10Kilobytes() {
        return JsonDocuments.requireValid(large);
    }
}
