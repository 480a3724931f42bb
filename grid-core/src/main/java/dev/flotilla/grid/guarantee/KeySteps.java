package dev.flotilla.grid.guarantee;

import com.hazelcast.map.EntryProcessor;

import java.io.Serializable;
import java.util.Map;

/**
 * The single-key atomic steps of {@link AtomicKeyGuarantee}: entry processors, run on the key's partition thread
 * (and again, the same way, on each backup), so each is atomic on its key and deterministic.
 */
final class KeySteps {
    private KeySteps() {
    }

    /** What a withdrawal saw: whether it applied, and the balance before it. */
    record Withdrawal(boolean applied, long balanceBefore) implements Serializable {
    }

    /** Takes {@code amount} out when the account holds that much; returns {@code null} when there is no account. */
    record Withdraw(long amount) implements EntryProcessor<String, Long, Withdrawal> {
        @Override
        public Withdrawal process(Map.Entry<String, Long> entry) {
            Long balance = entry.getValue();
            if (balance == null) {
                return null;
            }
            if (balance < amount) {
                return new Withdrawal(false, balance);
            }
            entry.setValue(balance - amount);
            return new Withdrawal(true, balance);
        }
    }

    /** Adds {@code amount}; an account that vanished (data loss) is recreated so the money is not dropped too. */
    record Deposit(long amount) implements EntryProcessor<String, Long, Long> {
        @Override
        public Long process(Map.Entry<String, Long> entry) {
            Long balance = entry.getValue();
            long next = (balance == null ? 0 : balance) + amount;
            entry.setValue(next);
            return next;
        }
    }

    /** Adds {@code delta} to a counter that starts at 0; returns the new value. */
    record Increment(long delta) implements EntryProcessor<String, Long, Long> {
        @Override
        public Long process(Map.Entry<String, Long> entry) {
            Long value = entry.getValue();
            long next = (value == null ? 0 : value) + delta;
            entry.setValue(next);
            return next;
        }
    }

    /** Adds one element to a set bucket; returns nothing. */
    record AddToBucket(long element) implements EntryProcessor<String, long[], Void> {
        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            long[] bucket = entry.getValue();
            if (!SortedLongs.contains(bucket, element)) {
                entry.setValue(SortedLongs.with(bucket, element));
            }
            return null;
        }
    }
}
