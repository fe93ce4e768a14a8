/**
 * The WebSocket protocol: JSON text frames {@code {op, t, s, d}} (docs/api.md). The handler
 * drives one socket through HELLO, IDENTIFY or RESUME, heartbeats and close codes
 * ({@link io.beep.gateway.realtime.protocol.CloseCodes}); dispatches are written by the session
 * the socket is attached to.
 */
package io.beep.gateway.realtime.protocol;
