package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;

/** Every event of the server aggregate names its server. */
public interface ServerEvent {
    ServerId serverId();
}
