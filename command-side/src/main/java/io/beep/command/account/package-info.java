/**
 * Accounts, backed by Keycloak (the source of truth for credentials and profile): the admin API
 * client used to find users by username.
 */
package io.beep.command.account;
