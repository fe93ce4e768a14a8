/**
 * Accounts, backed by Keycloak (the source of truth for credentials and profile): the admin API
 * client used to find users by username; sign-up; profile, avatar (S3, own client), e-mail change
 * (signed link mailed to the new address), password change and linked identities
 * ({@code ProfileController}), each change applied in Keycloak and recorded as an account event.
 */
package io.beep.command.account;
