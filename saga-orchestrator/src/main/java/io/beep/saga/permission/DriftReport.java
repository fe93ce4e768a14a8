package io.beep.saga.permission;

import java.util.List;

/**
 * The outcome of a drift check of one server.
 *
 * @param serverId   the server checked
 * @param position   the event-store position of the newest event of the server the check replayed
 * @param expected   how many relationships the events call for
 * @param actual     how many relationships SpiceDB holds on the server's objects
 * @param missing    relationships the events call for that SpiceDB lacks
 * @param extra      relationships SpiceDB holds on the server's objects that the events do not call for
 * @param repaired   whether the differences were written back (missing touched, extra deleted)
 */
public record DriftReport(String serverId, long position, int expected, int actual, List<String> missing,
                          List<String> extra, boolean repaired) {

    public boolean drifted() {
        return !missing.isEmpty() || !extra.isEmpty();
    }
}
