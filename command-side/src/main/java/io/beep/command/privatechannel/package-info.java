/**
 * Private channels outside servers: the {@code PrivateChannel} aggregate (DM channels of two friends,
 * created by the friendship saga, and group channels) and the group channel routes.
 */
package io.beep.command.privatechannel;
