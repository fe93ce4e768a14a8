/** The permission overwrites of server channels, as rows in PostgreSQL ({@code beep_views}). */
package io.beep.projections.overwrite;
