/**
 * Permission checks against the authorization server (SpiceDB); any failure to get an answer
 * refuses the read (fail closed).
 */
package io.beep.queryside.platform.authz;
