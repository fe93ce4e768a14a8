/** Keeps Permify's relationship tuples consistent with server, role, member and channel events. */
package io.beep.saga.permission;
