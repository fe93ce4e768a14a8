/** Channels of servers: the channel aggregate, its REST entry point and the directory of channel facts. */
package io.beep.command.channel;
