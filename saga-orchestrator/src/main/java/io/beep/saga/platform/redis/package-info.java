/** Redis plumbing shared by the saga orchestrator's features. */
package io.beep.saga.platform.redis;
