/**
 * Accounts. Keycloak holds credentials and profile; these events record what changed through Beep so
 * that views and other services follow.
 */
package io.beep.contracts.account;
