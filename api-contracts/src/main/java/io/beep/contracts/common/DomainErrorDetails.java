package io.beep.contracts.common;

/**
 * The typed details a failed command carries back across the command bus (and gRPC), so that the
 * HTTP layer can answer with the right status and code.
 */
public record DomainErrorDetails(ErrorCode code, String message) {
}
