package io.beep.contracts.account;

import io.beep.contracts.common.UserId;

/** Every event of the account aggregate names its user. */
public interface AccountEvent {
    UserId userId();
}
