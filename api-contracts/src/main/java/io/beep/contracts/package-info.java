/**
 * Beep's public, framework-free contracts: commands, events, queries and responses as records,
 * split by feature. Every service speaks these types; none of them carries behaviour.
 */
package io.beep.contracts;
