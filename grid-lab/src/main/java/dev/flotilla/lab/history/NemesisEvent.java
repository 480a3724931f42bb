package dev.flotilla.lab.history;

import java.util.List;

/**
 * A fault's moment written into a history file next to the operations (Jepsen's nemesis lines): a line with
 * {@code "process":"nemesis"}, no index (it is not an operation, so it takes no part in the real-time order), the
 * time on the history's clock, the fault's kind as {@code f}, and as value the phase ({@code start},
 * {@code reported}, {@code end}), the nodes it hit and a detail. Readers skip these lines; checkers never see them.
 *
 * @param time   nanoseconds on the history's clock
 * @param f      the fault's kind, e.g. {@code kill}
 * @param phase  {@code start} (injected), {@code reported} (the cluster had removed the victims) or {@code end}
 * @param nodes  the members it hit
 * @param detail what was done, for people
 */
public record NemesisEvent(long time, String f, String phase, List<String> nodes, String detail) {

    /** Copies the node list. */
    public NemesisEvent {
        nodes = List.copyOf(nodes);
    }
}
