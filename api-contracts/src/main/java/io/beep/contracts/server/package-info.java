/** Servers: creation, settings and lifecycle. */
package io.beep.contracts.server;
