package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer to a successful {@code POST /transfers}: the transfer as it was applied.
 *
 * @param namespace the accounts' namespace
 * @param from      the debited account
 * @param to        the credited account
 * @param amount    the amount moved
 * @param mode      the guarantee mode it ran under
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferResult(String namespace, String from, String to, long amount, String mode) {
}
