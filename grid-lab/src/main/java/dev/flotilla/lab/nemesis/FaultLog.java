package dev.flotilla.lab.nemesis;

import java.util.ArrayList;
import java.util.List;

/** Collects fault windows as a nemesis opens and closes them. Thread-safe. */
public final class FaultLog {
    private final List<Fault> faults = new ArrayList<>();

    /** Records a finished fault window. */
    public synchronized void add(Fault fault) {
        faults.add(fault);
    }

    /** The windows so far, in the order they were recorded. */
    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }
}
