package dev.flotilla.lab.workload;

/** The versioned document API as the documents workload calls it. */
public interface Documents {
}
