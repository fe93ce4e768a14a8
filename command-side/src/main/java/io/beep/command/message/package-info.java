/** Messages: the message aggregate and sending over REST. */
package io.beep.command.message;
