package dev.flotilla.server.client;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.RemoteCounter;
import dev.flotilla.client.RemoteGrowSet;
import dev.flotilla.client.RemoteRegister;
import dev.flotilla.server.fixture.ClientNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link FlotillaClient#register}, {@link FlotillaClient#growSet} and {@link FlotillaClient#counter} against a real
 * node (one member without CP members, so {@code cp} is refused and {@code cp-unsafe} runs).
 */
@Timeout(120)
class ClientRegisterSetCounterTest {
    private static ClientNode node;
    private static FlotillaClient client;

    @BeforeAll
    static void start() {
        node = ClientNode.startAlone();
        client = node.client();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String namespace() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "tx-two-phase", "cp-unsafe"})
    void register_writeReadCompareAndSet_followsTheRegister(String mode) {
        RemoteRegister registers = client.register(namespace(), mode);

        assertThat(registers.read("r")).as("never written").isNull();
        assertThat(registers.compareAndSet("r", null, 1)).isTrue();
        assertThat(registers.compareAndSet("r", null, 2)).as("no longer never written").isFalse();
        assertThat(registers.compareAndSet("r", 5L, 2)).isFalse();
        assertThat(registers.compareAndSet("r", 1L, 3)).isTrue();
        registers.write("other key", 40);

        assertThat(registers.read("r")).isEqualTo(3L);
        assertThat(registers.read("other key")).isEqualTo(40L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "locked", "cp-unsafe"})
    void growSet_adds_readAllAscendingAndUnmodifiable(String mode) {
        RemoteGrowSet set = client.growSet(namespace(), mode);

        for (long element : new long[]{9, -2, 5, 9, Long.MAX_VALUE}) {
            set.add(element);
        }

        assertThat(set.readAll()).containsExactly(-2L, 5L, 9L, Long.MAX_VALUE);
        assertThatThrownBy(() -> set.readAll().add(1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"atomic-key", "tx-one-phase", "cp-unsafe"})
    void counter_concurrentIncrements_eachCountedOnce(String mode) {
        RemoteCounter counter = client.counter(namespace(), mode);

        assertThat(counter.read()).isZero();
        assertThat(counter.incrementBy(3)).isEqualTo(3);
        IntStream.range(0, 20).parallel().forEach(i -> counter.incrementBy(1));

        assertThat(counter.read()).isEqualTo(23);
    }

    @Test
    void handles_badInput_definiteFlotillaExceptionAndNothingWritten() {
        String ns = namespace();

        assertDefinite(() -> client.counter(ns, "atomic-key").incrementBy(0), "invalid-argument");
        assertDefinite(() -> client.counter(ns, "fast").incrementBy(1), "invalid-argument");
        assertDefinite(() -> client.register(ns, "cp").write("r", 1), "invalid-argument");
        assertDefinite(() -> client.register(ns, "cp-unsafe").write("a@b", 1), "invalid-key");
        assertDefinite(() -> client.growSet("-bad", "atomic-key").add(1), "invalid-argument");
        assertDefinite(() -> client.growSet(ns, "nope").readAll(), "invalid-argument");

        assertThat(client.counter(ns, "atomic-key").read()).isZero();
        assertThat(client.register(ns, "cp-unsafe").read("r")).isNull();
        assertThatThrownBy(() -> client.register(ns, "atomic-key").read("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.counter(ns, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertDefinite(ThrowingCallable call, String code) {
        FlotillaException e = catchThrowableOfType(call, FlotillaException.class);

        assertThat(e).as("a FlotillaException").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.definite()).isTrue();
    }
}
