/** Servers: creation, settings and lifecycle, members and bans, roles. */
package io.beep.contracts.server;
