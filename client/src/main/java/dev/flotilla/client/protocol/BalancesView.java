package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * The body of {@code POST /accounts} and {@code GET /accounts/{namespace}}: balances by account.
 *
 * @param namespace the accounts' namespace
 * @param mode      the guarantee mode the balances were read (or written) under
 * @param balances  balance by account; accounts never opened are absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BalancesView(String namespace, String mode, Map<String, Long> balances) {
}
