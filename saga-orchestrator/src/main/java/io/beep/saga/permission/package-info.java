/** Keeps the authorization relationships (SpiceDB) consistent with server, role, member and channel events. */
package io.beep.saga.permission;
