package io.beep.command.platform.idempotency;

/** What a request finds for its key: its own new claim, another request's claim still running, or a stored answer. */
sealed interface Claim {

    /** This request claimed the key: run it. */
    record Won() implements Claim {
    }

    /** Another request holds the key and has not finished (or the key names another route: {@code request}). */
    record Running(String request) implements Claim {
    }

    /** The key's first request succeeded: answer what it answered. */
    record Done(StoredAnswer answer) implements Claim {
    }
}
