package dev.flotilla.lab.run;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.guarantee.Accounts;
import dev.flotilla.grid.guarantee.Counter;
import dev.flotilla.grid.guarantee.GrowSet;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.grid.guarantee.Register;
import dev.flotilla.lab.workload.OperationFamilies;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The thin adapter from {@link Guarantees} (one mode, one member) to the workloads' {@link OperationFamilies}. */
final class GuaranteeFamilies implements OperationFamilies {
    private final GuaranteeMode mode;
    private final Grid grid;

    GuaranteeFamilies(GuaranteeMode mode, Grid grid) {
        this.mode = mode;
        this.grid = grid;
    }

    @Override
    public BankAccounts accounts(String namespace) {
        Accounts accounts = Guarantees.of(mode, grid, namespace).accounts();
        return new BankAccounts() {
            @Override
            public void open(Map<String, Long> balances) {
                accounts.open(balances);
            }

            @Override
            public boolean transfer(String from, String to, long amount) {
                // Not enough money is an InsufficientBalanceException: definite, so the history records fail.
                accounts.transfer(from, to, amount);
                return true;
            }

            @Override
            public Map<String, Long> balances(List<String> names) {
                return accounts.balances(names);
            }
        };
    }

    @Override
    public Registers registers(String namespace) {
        Register register = Guarantees.of(mode, grid, namespace).register();
        return new Registers() {
            @Override
            public Long read(String key) {
                return register.read(key);
            }

            @Override
            public void write(String key, long value) {
                register.write(key, value);
            }

            @Override
            public boolean compareAndSet(String key, Long expected, long newValue) {
                return register.compareAndSet(key, expected, newValue);
            }
        };
    }

    @Override
    public ElementSet set(String namespace) {
        GrowSet set = Guarantees.of(mode, grid, namespace).set();
        return new ElementSet() {
            @Override
            public void add(long element) {
                set.add(element);
            }

            @Override
            public Collection<Long> readAll() {
                return set.readAll();
            }
        };
    }

    @Override
    public SharedCounter counter(String namespace) {
        Counter counter = Guarantees.of(mode, grid, namespace).counter();
        return new SharedCounter() {
            @Override
            public void incrementBy(long delta) {
                counter.incrementBy(delta);
            }

            @Override
            public long read() {
                return counter.read();
            }
        };
    }
}
