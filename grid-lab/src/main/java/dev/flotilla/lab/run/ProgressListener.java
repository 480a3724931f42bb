package dev.flotilla.lab.run;

/** Receives an experiment's progress: at each phase change and about twice a second while the clients run. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };

    /** Called from the runner's threads; must return quickly. */
    void onProgress(Progress progress);
}
