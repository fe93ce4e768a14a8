/**
 * Typing indicators: {@code POST /api/v1/channels/{id}/typing} is answered by the gateway itself
 * (checked with SpiceDB, never stored as an event) and shared with every gateway instance over Redis
 * pub/sub; each instance sends {@code TYPING_START} to its sockets that may view the channel.
 */
package io.beep.gateway.realtime.typing;
