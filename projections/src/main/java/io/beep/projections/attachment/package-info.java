/** Which message, channel and server each attached file belongs to, for download permission checks. */
package io.beep.projections.attachment;
