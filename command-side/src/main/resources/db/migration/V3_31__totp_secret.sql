-- TOTP secrets of users who set up two-factor sign-in through Beep. A row without credential_id is a
-- pending set-up (POST /users/@me/totp), replaced by the next one; confirming creates the OTP
-- credential in Keycloak and records its id here, so that disabling can check a code against the
-- same secret. Secrets never leave the server except once, in the set-up answer.
CREATE TABLE IF NOT EXISTS totp_secret (
    user_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret        VARCHAR(64)  NOT NULL,
    credential_id VARCHAR(64),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
