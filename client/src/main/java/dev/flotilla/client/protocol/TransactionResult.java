package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The answer to a committed {@link TransactionRequest}.
 *
 * @param mode    the guarantee mode it ran under
 * @param results one result per operation, in the request's order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransactionResult(String mode, List<OperationResult> results) {
}
