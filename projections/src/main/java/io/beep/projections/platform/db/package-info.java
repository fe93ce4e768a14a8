/** The two PostgreSQL databases: the views this service writes, and the event store it only reads. */
package io.beep.projections.platform.db;
