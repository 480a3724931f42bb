package dev.flotilla.server.limits;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether this node's heap is above its high-water mark, as the last garbage collection left it.
 *
 * <p>The instantaneous heap is no guide: it is mostly garbage between collections and would refuse writes at every
 * allocation peak. What a collection leaves behind in the old generation is what the node holds: map entries live
 * there. After every collection the guard compares the old generation's usage after it with
 * {@code flotilla-server.limits.memory-high-water-percent} of the old generation's largest size. Not of the whole
 * heap: with a generational collector the old generation is only part of it (two thirds under the serial collector's
 * defaults), so a mark of 85 % of the heap would never be reached before the JVM runs out of memory. After a young
 * collection the old generation still counts its uncollected garbage, so the guard can refuse a little early,
 * never late; the next collection of the old generation corrects it (reads keep allocating, so one comes). A
 * collector with one heap pool (ZGC, Shenandoah) is measured on that pool.
 *
 * <p>While writes are refused, little is allocated, and a serial or parallel collector may then never collect the
 * old generation again, even after deletes or expiries freed most of it. So while above the mark, a check finds no
 * collection in the last {@value #RECHECK_SECONDS} s, the guard asks for a full one ({@code System.gc()}) on a
 * thread of its own, at most once per {@value #RECHECK_SECONDS} s: a pause of its own, paid only by a node that
 * refuses writes anyway.
 *
 * <p>Only this JVM is measured. Hazelcast spreads every map over all members: this node's mark refuses the writes
 * that arrive through this node's HTTP port, and the owners' memory is guarded by their own marks only for the
 * writes that arrive through them. Backups and migrations to this member are never refused.
 */
// Eager: it must see the collections from the start, not from the first request.
@Context
public class MemoryGuard {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);

    private final int highWaterPercent;
    private final long maxHeap;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** The pools that hold long-lived data: the old generation, or every heap pool when there is no such split. */
    private final Set<String> guardedPools;
    private final long guardedMax;
    private volatile long usedAfterGc;
    private volatile boolean above;
    private volatile long lastCollectionNanos = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicLong lastRecheckNanos = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    static final int RECHECK_SECONDS = 10;

    public MemoryGuard(@Value("${flotilla-server.limits.memory-high-water-percent:85}") int highWaterPercent) {
        if (highWaterPercent < 1 || highWaterPercent > 100) {
            throw new IllegalArgumentException("flotilla-server.limits.memory-high-water-percent = " + highWaterPercent
                    + ": must be between 1 and 100");
        }
        this.highWaterPercent = highWaterPercent;
        this.maxHeap = Runtime.getRuntime().maxMemory();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        List<MemoryPoolMXBean> old = heap.stream()
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured")).toList();
        List<MemoryPoolMXBean> guarded = old.isEmpty() ? heap : old;
        this.guardedPools = guarded.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
        long max = guarded.stream().mapToLong(pool -> pool.getUsage().getMax()).filter(m -> m > 0).sum();
        this.guardedMax = max > 0 ? max : maxHeap;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::collected;
                emitter.addNotificationListener(listener, null, null);
                subscriptions.add(new Subscription(emitter, listener));
            }
        }
    }

    /**
     * Whether writes are refused now: the old generation after the last collection is above the mark. While it is,
     * and no collection came for {@value #RECHECK_SECONDS} s, asks for one (see the class comment).
     */
    public boolean above() {
        if (above) {
            long now = System.nanoTime();
            long last = lastRecheckNanos.get();
            long quiet = java.util.concurrent.TimeUnit.SECONDS.toNanos(RECHECK_SECONDS);
            if (now - lastCollectionNanos > quiet && now - last > quiet && lastRecheckNanos.compareAndSet(last, now)) {
                Thread collector = new Thread(System::gc, "flotilla-memory-recheck");
                collector.setDaemon(true);
                collector.start();
            }
        }
        return above;
    }

    /** The old generation in use after the last collection, in bytes; 0 before the first one. */
    public long usedAfterGc() {
        return usedAfterGc;
    }

    /** The mark, in bytes of the old generation. */
    public long highWaterBytes() {
        return guardedMax / 100 * highWaterPercent;
    }

    /** The largest size of the old generation (or of the heap, for a collector without one), in bytes. */
    public long guardedMax() {
        return guardedMax;
    }

    /** The largest heap this JVM may use, in bytes. */
    public long maxHeap() {
        return maxHeap;
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (guardedPools.contains(pool.getKey())) {
                MemoryUsage usage = pool.getValue();
                used += usage.getUsed();
            }
        }
        usedAfterGc = used;
        lastCollectionNanos = System.nanoTime();
        boolean nowAbove = used > highWaterBytes();
        if (nowAbove != above) {
            above = nowAbove;
            if (nowAbove) {
                LOG.warn("old generation after {} is {} MB, above the high-water mark of {} MB ({}% of {} MB): writes "
                        + "through this node are refused (503 capacity) until a collection brings it below",
                        info.getGcName(), used >> 20, highWaterBytes() >> 20, highWaterPercent, guardedMax >> 20);
            } else {
                LOG.info("old generation after {} is {} MB, below the high-water mark of {} MB: writes are accepted again",
                        info.getGcName(), used >> 20, highWaterBytes() >> 20);
            }
        }
    }

    @PreDestroy
    void close() {
        for (Subscription subscription : subscriptions) {
            try {
                subscription.emitter().removeNotificationListener(subscription.listener());
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }

    private record Subscription(NotificationEmitter emitter, NotificationListener listener) {
    }
}
