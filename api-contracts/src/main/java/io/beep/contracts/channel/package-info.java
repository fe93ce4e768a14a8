/** Channels: text, conference, category and thread channels of servers, and private DM and group channels. */
package io.beep.contracts.channel;
