package io.beep.gateway.problem;

import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem document. {@code type} is {@code about:blank}: the stable {@code code} carries
 * the machine meaning, {@code title} is the status phrase.
 */
public record Problem(String type, String title, int status, String detail, String code, String instance) {

    /** The problem of {@code status} with the stable {@code code}; {@code instance} may be null. */
    public static Problem of(HttpStatus status, String code, String detail, String instance) {
        return new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, code, instance);
    }
}
