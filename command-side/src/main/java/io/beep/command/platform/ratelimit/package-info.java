/** Rate limits kept in Redis: fixed windows counted atomically by one Lua script per decision. */
package io.beep.command.platform.ratelimit;
