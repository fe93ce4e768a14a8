package io.beep.contracts.message;

/** A file of a message as declared at upload time; its object is {@code message/<id>} in the bucket. */
public record MessageAttachment(String id, String filename, long size, String contentType) {
}
