/** Servers, their members and their channels, as rows in PostgreSQL ({@code beep_views}). */
package io.beep.projections.server;
