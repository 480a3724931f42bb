package dev.flotilla.lab.workload;

/**
 * The four operation families of one guarantee mode, as the workloads see them.
 *
 * <p>Implementations adapt {@code dev.flotilla.grid.guarantee}; they are kept behind this small interface so
 * the workloads do not change when the guarantee API does. Every call may throw a
 * {@link dev.flotilla.grid.GridException} whose {@code definite()} says whether it surely did not take effect.
 */
public interface OperationFamilies {

    /** Accounts under this mode, inside {@code namespace}. */
    BankAccounts accounts(String namespace);

    /** Integer registers under this mode, inside {@code namespace}. */
    Registers registers(String namespace);

    /** A grow-only set under this mode, inside {@code namespace}. */
    ElementSet set(String namespace);

    /** A counter under this mode, inside {@code namespace}. */
    SharedCounter counter(String namespace);

    /** Money accounts: the bank workload's family. */
    interface BankAccounts {
        /** Opens the accounts with these balances (before the run; not recorded). */
        void open(java.util.Map<String, Long> balances);

        /** Moves {@code amount} from one account to another; false when it surely did not (e.g. not enough money). */
        boolean transfer(String from, String to, long amount);

        /** The balances of these accounts, read as the mode reads them (a snapshot only where the mode gives one). */
        java.util.Map<String, Long> balances(java.util.List<String> accounts);
    }

    /** Registers holding small integers, null until written: the register workload's family. */
    interface Registers {
        /** The current value, or null when never written. */
        Long read(String key);

        /** Sets the value. */
        void write(String key, long value);

        /** Sets {@code newValue} only when the current value is {@code expected} (null: never written). */
        boolean compareAndSet(String key, Long expected, long newValue);
    }

    /** A set of numbers that only grows: the set workload's family. */
    interface ElementSet {
        /** Adds an element. */
        void add(long element);

        /** Every element present. */
        java.util.Collection<Long> readAll();
    }

    /** One counter starting at zero: the counter workload's family. */
    interface SharedCounter {
        /** Adds {@code delta}. */
        void incrementBy(long delta);

        /** The current value. */
        long read();
    }
}
