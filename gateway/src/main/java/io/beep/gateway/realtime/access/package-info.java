/**
 * Who may see what, now: a non-blocking client of SpiceDB's HTTP API, the saga's position service
 * (the authorization relationships written up to an event), cached per-(user, channel) view
 * decisions that are dropped and re-checked whenever a permission-relevant event arrives, and the
 * immutable channel-to-server facts.
 */
package io.beep.gateway.realtime.access;
