/**
 * Message attachments on the read side: fresh presigned download links in every message answer,
 * and {@code GET /attachments/{id}} redirecting viewers of the file's channel to one.
 */
package io.beep.queryside.attachment;
