/** Files uploaded to S3 for messages: upload slots, their use by a message. */
package io.beep.contracts.attachment;
