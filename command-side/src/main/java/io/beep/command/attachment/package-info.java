/**
 * Message attachments: presigned uploads to S3 under {@code message/}, their checked use by a new
 * message, and the removal of files whose message, channel or server is deleted.
 */
package io.beep.command.attachment;
