/** Friend requests and friendships over REST; the {@code Friendship} aggregate, one per pair of users. */
package io.beep.command.friendship;
