package dev.flotilla.grid.guarantee;

import com.hazelcast.cp.CPSubsystem;
import com.hazelcast.cp.IAtomicLong;
import com.hazelcast.cp.IAtomicReference;

import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link GuaranteeMode#CP} and {@link GuaranteeMode#CP_UNSAFE}: every operation is exactly one call on one CP
 * structure, so with Raft each is one commit, linearizable, applied once or not at all.
 *
 * <ul>
 *   <li>accounts: one {@code IAtomicReference<Ledger>} per namespace; a transfer is one {@code getAndAlter} with a
 *       deterministic function (see {@link Ledger} for why not per-account atomics under {@code FencedLock}s);
 *   <li>register: one {@code IAtomicReference<Long>} per key ({@code get}, {@code set}, {@code compareAndSet});
 *   <li>set: one {@code IAtomicReference<long[]>} per bucket, grown by {@code alter}; a read gets every bucket
 *       (each get linearizable; elements are never removed, so the union holds every add acknowledged before it);
 *   <li>counter: one {@code IAtomicLong} ({@code addAndGet}).
 * </ul>
 *
 * <p>No call is retried here: an indeterminate one surfaces as {@code INDETERMINATE}. Proxies are created on first
 * use (creating one asks the CP metadata group, which waits for CP discovery) and cached, one per name.
 */
final class CpGuarantee implements ModeOperations {
    private final CPSubsystem cp;
    private final GuaranteeNames names;
    private final ConcurrentMap<String, IAtomicReference<?>> references = new ConcurrentHashMap<>();
    private volatile IAtomicLong counter;

    CpGuarantee(CPSubsystem cp, GuaranteeNames names) {
        this.cp = cp;
        this.names = names;
    }

    @Override
    public void open(Map<String, Long> initialBalances) {
        var balances = Arguments.initialBalances(initialBalances);
        Failures.run(() -> ledger().alter(new Ledger.Open(balances)));
    }

    @Override
    public void transfer(String from, String to, long amount) {
        Arguments.transfer(from, to, amount);
        Ledger before = Ledger.orEmpty(Failures.call(() -> ledger().getAndAlter(new Ledger.Transfer(from, to, amount))));
        if (!before.allows(from, to, amount)) {
            // The function left the ledger as it was: a definite refusal, for the reason the ledger shows.
            Arguments.requireTransferable(from, before.balance(from), to, before.balance(to), amount);
        }
    }

    @Override
    public Map<String, Long> balances(Collection<String> accounts) {
        var keys = Arguments.accounts(accounts);
        return Ledger.orEmpty(Failures.call(() -> ledger().get())).balances(keys);
    }

    @Override
    public Long read(String key) {
        String k = Arguments.cpKey(key);
        return Failures.call(() -> register(k).get());
    }

    @Override
    public void write(String key, long value) {
        String k = Arguments.cpKey(key);
        Failures.run(() -> register(k).set(value));
    }

    @Override
    public boolean compareAndSet(String key, Long expected, long newValue) {
        String k = Arguments.cpKey(key);
        return Failures.call(() -> register(k).compareAndSet(expected, newValue));
    }

    @Override
    public void add(long element) {
        String bucket = GuaranteeNames.bucketOf(element);
        Failures.run(() -> bucket(bucket).alter(new SortedLongs.Add(element)));
    }

    @Override
    public SortedSet<Long> readAll() {
        return Failures.call(() -> SortedLongs.union(
                GuaranteeNames.buckets().stream().map(b -> bucket(b).get()).toList()));
    }

    @Override
    public long incrementBy(long delta) {
        Arguments.delta(delta);
        return Failures.call(() -> counter().addAndGet(delta));
    }

    @Override
    public long read() {
        return Failures.call(() -> counter().get());
    }

    private IAtomicReference<Ledger> ledger() {
        return reference(names.bankMap());
    }

    private IAtomicReference<Long> register(String key) {
        return reference(names.cpRegister(key));
    }

    private IAtomicReference<long[]> bucket(String bucketKey) {
        return reference(names.cpSetBucket(bucketKey));
    }

    @SuppressWarnings("unchecked")
    private <E> IAtomicReference<E> reference(String name) {
        return (IAtomicReference<E>) references.computeIfAbsent(name, cp::getAtomicReference);
    }

    private IAtomicLong counter() {
        IAtomicLong current = counter;
        if (current == null) {
            current = cp.getAtomicLong(names.counterMap());
            counter = current;
        }
        return current;
    }
}
