package io.beep.contracts.common;


/** A rule was broken. Carries a stable code; the HTTP layer maps it to a status in one place. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public DomainErrorDetails details() {
        return new DomainErrorDetails(code, getMessage());
    }

    public static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static DomainException forbidden(String permission) {
        return new DomainException(ErrorCode.MISSING_PERMISSION, "missing permission " + permission);
    }
}
