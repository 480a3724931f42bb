package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;
import dev.flotilla.grid.map.Versioned;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope reads back what it wrapped, from the fixed offsets and, for a text of another shape, by search. */
class EnvelopeTest {
    @Test
    void versioned_wrapped_documentAndVersionBack() {
        HazelcastJsonValue stored = Envelope.wrap(12345, 0xabcL, "{\"a\":[1,\"x,y\"]}");

        assertThat(Envelope.versioned(stored)).isEqualTo(new Versioned("{\"a\":[1,\"x,y\"]}", 12345));
        assertThat(Envelope.document(stored)).isEqualTo("{\"a\":[1,\"x,y\"]}");
        assertThat(Envelope.version(stored)).isEqualTo(12345);
        assertThat(Envelope.operationId(stored)).isEqualTo(0xabcL);
    }

    @Test
    void versioned_negativeOperationId_fixedWidthKept() {
        HazelcastJsonValue stored = Envelope.wrap(1, -1L, "7");

        assertThat(stored.getValue()).isEqualTo("{\"version\":1,\"op\":\"ffffffffffffffff\",\"value\":7}");
        assertThat(Envelope.versioned(stored)).isEqualTo(new Versioned("7", 1));
        assertThat(Envelope.operationId(stored)).isEqualTo(-1L);
    }

    @Test
    void versioned_null_absent() {
        assertThat(Envelope.versioned(null)).isNull();
        assertThat(Envelope.version(null)).isZero();
    }

    @Test
    void document_operationIdOfAnotherWidth_foundBySearchAsBefore() {
        HazelcastJsonValue stored = new HazelcastJsonValue("{\"version\":3,\"op\":\"abc\",\"value\":[true]}");

        assertThat(Envelope.versioned(stored)).isEqualTo(new Versioned("[true]", 3));
        assertThat(Envelope.document(stored)).isEqualTo("[true]");
    }
}
