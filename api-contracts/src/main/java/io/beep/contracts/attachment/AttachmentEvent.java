package io.beep.contracts.attachment;

/** Every event of the attachment aggregate names its attachment. */
public interface AttachmentEvent {
    AttachmentId attachmentId();
}
