package io.beep.contracts.message;

/** A file attached to a message; {@code url} is a short-lived download link. */
public record AttachmentView(String id, String filename, long size, String contentType, String url) {
}
