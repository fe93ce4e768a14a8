/** Authorisation: checks against Permify, and waiting for the tuple sync to cover a position. */
package io.beep.command.platform.authz;
