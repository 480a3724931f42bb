package dev.flotilla.lab.fleet;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RemoteCounter;
import dev.flotilla.client.RemoteGrowSet;
import dev.flotilla.client.RemoteRegister;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.protocol.AccountsRequest;
import dev.flotilla.client.protocol.TransactionOperation;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.client.protocol.TransferRequest;
import dev.flotilla.grid.guarantee.Accounts;
import dev.flotilla.grid.guarantee.Counter;
import dev.flotilla.grid.guarantee.GrowSet;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.guarantee.Register;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.lab.workload.Documents;
import dev.flotilla.lab.workload.Target;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The families of one guarantee mode and the document API, called through the product's HTTP client on a fleet:
 * what a service using Flotilla over HTTP calls. Failures are the client's {@code FlotillaException}s, definite only
 * when the request surely did not take effect. The adapters only forward: the client cannot implement grid-core's
 * interfaces itself (it must not depend on grid-core).
 */
public final class RemoteTarget implements Target {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlotillaClient client;
    private final GuaranteeMode mode;

    /** Calls through {@code client} under {@code mode}. */
    public RemoteTarget(FlotillaClient client, GuaranteeMode mode) {
        this.client = client;
        this.mode = mode;
    }

    @Override
    public Accounts accounts(String namespace) {
        return new Accounts() {
            @Override
            public void open(Map<String, Long> initialBalances) {
                client.openAccounts(new AccountsRequest(namespace, mode.id(), initialBalances));
            }

            @Override
            public void transfer(String from, String to, long amount) {
                client.transfer(new TransferRequest(namespace, from, to, amount, mode.id()));
            }

            @Override
            public Map<String, Long> balances(Collection<String> accounts) {
                return client.balances(namespace, mode.id(), accounts).balances();
            }
        };
    }

    @Override
    public Register register(String namespace) {
        RemoteRegister register = client.register(namespace, mode.id());
        return new Register() {
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
    public GrowSet set(String namespace) {
        RemoteGrowSet set = client.growSet(namespace, mode.id());
        return new GrowSet() {
            @Override
            public void add(long element) {
                set.add(element);
            }

            @Override
            public SortedSet<Long> readAll() {
                return set.readAll();
            }
        };
    }

    @Override
    public Counter counter(String namespace) {
        RemoteCounter counter = client.counter(namespace, mode.id());
        return new Counter() {
            @Override
            public long incrementBy(long delta) {
                return counter.incrementBy(delta);
            }

            @Override
            public long read() {
                return counter.read();
            }
        };
    }

    @Override
    public Documents documents(String map) {
        return Documents.remote(client.map(map));
    }

    @Override
    public List<String> transaction(List<TxOperation> operations) {
        List<TransactionOperation> request = operations.stream().map(op -> new TransactionOperation(op.kind().id(),
                op.map(), op.key(), op.json() == null ? null : json(op.json()),
                op.ifVersion() == TxOperation.ANY_VERSION ? null : op.ifVersion())).toList();
        return client.transaction(new TransactionRequest(mode.id(), request)).results().stream()
                .map(result -> result.value() == null || result.value().isNull() ? null : result.value().toString())
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
