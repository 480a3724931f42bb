package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The answer to a committed {@code POST /tx}.
 *
 * @param mode    the mode it ran under
 * @param results one result per operation, in request order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TxResponse(String mode, List<TxOperationResult> results) {
}
