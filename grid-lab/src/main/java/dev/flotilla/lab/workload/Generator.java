package dev.flotilla.lab.workload;

/**
 * An endless, deterministic source of requests for one client worker.
 *
 * <p>Two generators made from the same workload, settings, seed and worker index return the same sequence.
 * A generator is used by one thread only.
 */
@FunctionalInterface
public interface Generator {

    /** The next request to run. */
    Request next();
}
