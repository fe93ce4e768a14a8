/**
 * Gateway sessions: a user's identified connection state with its sequence counter and bounded
 * replay buffer, which outlives a dropped socket for the resume window. The registry indexes
 * sessions by user and users by the servers they are members of (the fan-out candidates).
 */
package io.beep.gateway.realtime.session;
