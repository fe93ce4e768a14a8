/**
 * RFC 9457 problem answers. {@link io.beep.gateway.problem.GatewayExceptionHandler} is the one
 * place where a failure becomes a status, a stable {@code code} and a client-facing detail.
 */
package io.beep.gateway.problem;
