package io.beep.command.platform.idempotency;

/**
 * What a request finds for its key: its own new claim, another request's claim still running, an
 * abandoned claim whose request had changed something, or a stored answer.
 */
sealed interface Claim {

    /** This request claimed the key: run it. */
    record Won() implements Claim {
    }

    /** Another request holds the key and has not finished (or the key names another route: {@code request}). */
    record Running(String request) implements Claim {
    }

    /**
     * The key's first request stopped mid-way (its claim was abandoned) after a command of it had
     * been stored: running it again could repeat that change, and its answer is lost.
     */
    record Interrupted(String request) implements Claim {
    }

    /** The key's first request succeeded: answer what it answered. */
    record Done(StoredAnswer answer) implements Claim {
    }
}
