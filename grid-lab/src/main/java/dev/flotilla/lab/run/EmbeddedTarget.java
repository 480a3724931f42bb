package dev.flotilla.lab.run;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.guarantee.Accounts;
import dev.flotilla.grid.guarantee.Counter;
import dev.flotilla.grid.guarantee.GrowSet;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.grid.guarantee.Register;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.grid.map.TxResult;
import dev.flotilla.lab.workload.Documents;
import dev.flotilla.lab.workload.Target;

import java.util.List;

/** grid-core's own families and versioned maps, called on one member inside the lab's JVM. */
record EmbeddedTarget(GuaranteeMode mode, Grid grid) implements Target {

    @Override
    public Accounts accounts(String namespace) {
        return in(namespace).accounts();
    }

    @Override
    public Register register(String namespace) {
        return in(namespace).register();
    }

    @Override
    public GrowSet set(String namespace) {
        return in(namespace).set();
    }

    @Override
    public Counter counter(String namespace) {
        return in(namespace).counter();
    }

    @Override
    public Documents documents(String map) {
        return Documents.embedded(grid.map(map));
    }

    @Override
    public List<String> transaction(List<TxOperation> operations) {
        return grid.transaction(mode, operations).stream().map(TxResult::json).toList();
    }

    private Guarantees in(String namespace) {
        return Guarantees.of(mode, grid, namespace);
    }
}
