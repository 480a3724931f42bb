package dev.flotilla.client.protocol;

/**
 * The body of {@code POST /transfers}: move {@code amount} from one account to another under a guarantee mode.
 *
 * @param namespace the accounts' namespace (1-48 letters, digits, '_', '.', '-'); null means {@value #DEFAULT_NAMESPACE}
 * @param from      the account to take the money from
 * @param to        the account to give it to
 * @param amount    a positive amount
 * @param mode      a guarantee mode id: {@code unsafe}, {@code atomic-key}, {@code locked}, {@code tx-one-phase},
 *                  {@code tx-two-phase}, {@code cp}, {@code cp-unsafe}
 */
public record TransferRequest(String namespace, String from, String to, long amount, String mode) {
    /** The namespace used when a request names none. */
    public static final String DEFAULT_NAMESPACE = "accounts";

    /** A transfer in the default namespace. */
    public static TransferRequest of(String from, String to, long amount, String mode) {
        return new TransferRequest(null, from, to, amount, mode);
    }
}
