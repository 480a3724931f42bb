package dev.flotilla.server.tx;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.TransferRequest;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.server.problem.ProblemException;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One grid-core {@link Guarantees} handle per mode and namespace, made on first use. */
@Singleton
public class GuaranteeHandles {
    private final Grid grid;
    private final Map<String, Guarantees> handles = new ConcurrentHashMap<>();

    public GuaranteeHandles(Grid grid) {
        this.grid = grid;
    }

    /** The handle of that mode id in that namespace (null: the default); bad ids and unfit modes are definite 400s. */
    Guarantees of(String modeId, String namespace) {
        if (modeId == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "'mode' is required; valid modes: " + GuaranteeMode.validIds());
        }
        GuaranteeMode mode = GuaranteeMode.fromId(modeId);
        String ns = namespace == null ? TransferRequest.DEFAULT_NAMESPACE : namespace;
        Guarantees existing = handles.get(mode.id() + " " + ns);
        if (existing != null) {
            return existing;
        }
        Guarantees made = Guarantees.of(mode, grid, ns); // refuses cp without CP members, malformed namespaces
        return handles.computeIfAbsent(mode.id() + " " + ns, k -> made);
    }
}
