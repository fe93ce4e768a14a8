/** A small Redis cache for derived, re-computable answers (never the source of truth). */
package io.beep.queryside.platform.redis;
