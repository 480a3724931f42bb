package dev.flotilla.client.protocol;

import java.util.Map;

/**
 * The body of {@code POST /accounts}: set the balance of each account, opening those that do not exist yet.
 *
 * @param namespace the accounts' namespace; null means {@value TransferRequest#DEFAULT_NAMESPACE}
 * @param mode      the guarantee mode whose storage holds the accounts (the map-based modes share one map per
 *                  namespace; {@code cp} and {@code cp-unsafe} use a CP ledger)
 * @param balances  balance by account name, each 0 or more; at least one
 */
public record AccountsRequest(String namespace, String mode, Map<String, Long> balances) {
}
