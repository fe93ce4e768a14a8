package io.beep.saga.permission;

import java.util.List;

/**
 * One page of the drift check over every server.
 *
 * @param items      the report of each server checked on this page, in id order
 * @param failures   the servers whose check could not finish now (run the single-server check again)
 * @param checked    how many servers this page looked at
 * @param drifted    how many of them had missing or extra relationships
 * @param nextCursor pass as {@code cursor} for the next page; null after the last server
 */
public record DriftSweepPage(List<DriftReport> items, List<DriftSweepFailure> failures, int checked, int drifted,
                             String nextCursor) {
}
