package io.beep.contracts.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The announcement text: users named, or anything else read as a change for everybody. */
class AuthzChangesTest {

    @Test
    void aUsersAnnouncementNamesItsUsers() {
        var message = AuthzChanges.users(List.of("101", "202"), "GhUKEzE3MzI");
        assertThat(message).isEqualTo("users:101,202|GhUKEzE3MzI");
        assertThat(AuthzChanges.usersOf(message)).containsExactly("101", "202");
        assertThat(AuthzChanges.usersOf(AuthzChanges.users(List.of("7"), null))).containsExactly("7");
    }

    @Test
    void anythingElseConcernsEverybody() {
        assertThat(AuthzChanges.usersOf("GhUKEzE3MzI")).isNull();
        assertThat(AuthzChanges.usersOf("schema")).isNull();
        assertThat(AuthzChanges.usersOf("users:101")).as("no token separator").isNull();
        assertThat(AuthzChanges.usersOf("users:|zed")).as("no users").isNull();
        assertThat(AuthzChanges.usersOf("users:101,,202|zed")).as("an empty id").isNull();
        assertThat(AuthzChanges.usersOf(null)).isNull();
    }
}
