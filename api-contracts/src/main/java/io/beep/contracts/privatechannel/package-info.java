/**
 * Private channels outside servers: DM channels of two friends (created by the friendship saga) and
 * group channels. Their ids are channel ids; messages are sent to them like to any channel.
 */
package io.beep.contracts.privatechannel;
