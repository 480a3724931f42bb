package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deliberately naive linearizability check for tiny single-key cas-register histories: tries
 * every order of every subset of the info operations. Written independently of the real checker
 * (no memoisation, no pruning, JSON text as state) to cross-check it.
 */
final class BruteForceLinearizability {

    private BruteForceLinearizability() {
    }

    static boolean isLinearizable(History history) {
        List<Operation> ops = new ArrayList<>();
        for (Operation op : history.operations()) {
            if (op.isFail() || (op.isInfo() && op.f().equals("read"))) {
                continue;
            }
            ops.add(op);
        }
        return search(ops, new boolean[ops.size()], "null");
    }

    private static boolean search(List<Operation> ops, boolean[] placed, String state) {
        boolean allRequiredPlaced = true;
        for (int i = 0; i < ops.size(); i++) {
            if (!placed[i] && ops.get(i).isOk()) {
                allRequiredPlaced = false;
            }
        }
        if (allRequiredPlaced) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || !mayGoNext(ops, placed, i)) {
                continue;
            }
            String after = apply(ops.get(i), state);
            if (after == null) {
                continue;
            }
            placed[i] = true;
            boolean found = search(ops, placed, after);
            placed[i] = false;
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** An op may go next if every ok op that completed before its invoke is already placed. */
    private static boolean mayGoNext(List<Operation> ops, boolean[] placed, int candidate) {
        for (int j = 0; j < ops.size(); j++) {
            if (!placed[j] && ops.get(j).isOk() && ops.get(j).completeIndex() < ops.get(candidate).invokeIndex()) {
                return false;
            }
        }
        return true;
    }

    private static String apply(Operation op, String state) {
        switch (op.f()) {
            case "read":
                return Objects.equals(text(op.completionValue()), state) ? state : null;
            case "write":
                return text(op.value());
            default: {
                JsonNode pair = op.value();
                return Objects.equals(text(pair.get(0)), state) ? text(pair.get(1)) : null;
            }
        }
    }

    private static String text(JsonNode value) {
        return value == null ? "null" : value.toString();
    }
}
