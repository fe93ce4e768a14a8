/**
 * Invalidation of the query side's per-user "viewable channels of a server" search cache (Redis):
 * after a permission-relevant event of a server is in SpiceDB (the permissions saga has handled it),
 * the server's cache generation moves on.
 */
package io.beep.saga.searchcache;
