/** Global moderation by realm role: finding, disabling and enabling accounts, deleting any server. */
package io.beep.command.moderation;
