/** Redis plumbing shared by the command side's features. */
package io.beep.command.platform.redis;
