/**
 * Friendships between two users: requests (sent, accepted, declined, cancelled) and removal. One
 * aggregate per pair of users, so crossing and duplicate requests meet in the same history.
 */
package io.beep.contracts.friendship;
