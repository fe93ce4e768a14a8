package io.beep.command.platform.idempotency;

/** The first successful answer to a keyed POST, as repeats get it back. */
record StoredAnswer(String request, int status, String contentType, String location, String consistency, byte[] body) {
}
