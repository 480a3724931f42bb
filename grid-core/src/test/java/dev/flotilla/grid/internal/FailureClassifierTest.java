package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.transaction.TransactionTimedOutException;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {
    @Test
    void transactionTimedOut_isAnIndefiniteTimeout_notAnInternalError() {
        GridException e = FailureClassifier.classify(new CompletionException(
                new TransactionTimedOutException("Transaction is timed-out!")));
        assertThat(e.failure()).isEqualTo(GridFailure.TIMEOUT);
        assertThat(e.definite()).isFalse();
    }

    @Test
    void unknownHazelcastFailure_staysInternal_andNotDefinite() {
        GridException e = FailureClassifier.classify(new HazelcastException("boom"));
        assertThat(e.failure()).isEqualTo(GridFailure.INTERNAL);
        assertThat(e.definite()).isFalse();
    }
}
