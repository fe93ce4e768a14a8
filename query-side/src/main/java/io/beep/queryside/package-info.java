/**
 * Beep's read API: servers and channels from PostgreSQL ({@code beep_views}), messages from the
 * MongoDB-wire store. Reads only; the projections service writes every view.
 */
package io.beep.queryside;
