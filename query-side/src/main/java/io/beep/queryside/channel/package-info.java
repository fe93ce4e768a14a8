/** Reading channels: one channel, and the channels of a server the caller may view. */
package io.beep.queryside.channel;
