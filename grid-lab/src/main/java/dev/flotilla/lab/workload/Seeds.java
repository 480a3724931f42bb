package dev.flotilla.lab.workload;

import java.util.Random;

/** Derives each worker's random stream from the run's seed, so workers differ but every run repeats. */
final class Seeds {
    private Seeds() {
    }

    static Random random(long seed, int worker) {
        // A large odd multiplier spreads neighbouring worker indexes far apart in the seed space.
        return new Random(seed ^ (0x9E3779B97F4A7C15L * (worker + 1)));
    }
}
