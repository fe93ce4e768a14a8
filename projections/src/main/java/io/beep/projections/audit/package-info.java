/** The per-server audit log: who did what to a server, its roles, members and channels, from the event store. */
package io.beep.projections.audit;
