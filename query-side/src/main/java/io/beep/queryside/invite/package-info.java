/** Reading invitations: a server's, the ones naming me, and the preview of a code. */
package io.beep.queryside.invite;
