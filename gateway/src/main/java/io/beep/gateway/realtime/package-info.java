/**
 * Reserved for the real-time WebSocket gateway at {@code /api/v1/gateway} (HELLO, IDENTIFY,
 * DISPATCH, RESUME frames). Not implemented yet: the path is already public in the security chain
 * (it authenticates with IDENTIFY frames), and its handler mapping must take precedence over the
 * REST route table (order below {@code RouteHandlerMapping.ORDER}).
 */
package io.beep.gateway.realtime;
