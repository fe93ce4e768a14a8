package io.beep.gateway.e2e;

/**
 * Fresh Keycloak accounts for tests that depend on a user's server count (the 50-server limit), made
 * through the admin API with the backend's confidential client. Each call makes a new user, so no
 * run depends on what earlier runs left behind.
 */
final class TestUsers {

    private TestUsers() {
    }

    /** A new user: its username, id (the token subject) and access token. */
    record User(String username, String id, String token) {
    }

    /** A fresh verified Keycloak user (created by {@link TestAccounts}), signed in. */
    static User fresh(String prefix) {
        var account = TestAccounts.create(prefix);
        return new User(account.username(), account.id(), StackClient.token(account.username()));
    }
}
