/** Authorisation: checks against the authorization server (SpiceDB), and waiting for the relationship sync to cover a position. */
package io.beep.command.platform.authz;
