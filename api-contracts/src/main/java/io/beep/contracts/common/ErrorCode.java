package io.beep.contracts.common;

/**
 * Stable machine codes of domain and request errors, each with the HTTP status it answers with.
 * Clients switch on the code; this enum is the one place codes map to statuses. Never rename one.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    INVALID_TOTP_CODE(400),
    UNAUTHENTICATED(401),
    MISSING_PERMISSION(403),
    FORBIDDEN(403),
    INVALID_CURRENT_PASSWORD(403),
    NOT_FOUND(404),
    CONFLICT(409),
    ALREADY_EXISTS(409),
    SERVER_LIMIT_REACHED(409),
    OWNER_CANNOT_LEAVE(409),
    INVITE_EXPIRED(410),
    INVITE_USED_UP(410),
    UPLOAD_EXPIRED(410),
    PAYLOAD_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    REQUEST_HEADER_FIELDS_TOO_LARGE(431),
    INTERNAL(500),
    AUTHORIZATION_UNAVAILABLE(503),
    DEPENDENCY_UNAVAILABLE(503),
    CONSISTENCY_TIMEOUT(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
