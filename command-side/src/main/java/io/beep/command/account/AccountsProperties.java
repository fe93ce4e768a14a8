package io.beep.command.account;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the accounts feature: the S3 store of avatars (its own client, separate from message
 * attachments), the avatar limits, and the e-mail change links (HMAC secret, lifetime, the public
 * base URL the link points at, the SMTP server that sends the mail).
 */
@ConfigurationProperties("beep.accounts")
public record AccountsProperties(S3 s3, Avatar avatar, EmailChange emailChange) {

    /** The S3 endpoint (path-style), credentials and bucket; avatars live under {@code user/}. */
    public record S3(String endpoint, String region, String accessKey, String secretKey, String bucket) {
    }

    /** Largest avatar, accepted content types, how long upload and download URLs stay valid. */
    public record Avatar(long maxBytes, List<String> contentTypes, Duration uploadTtl, Duration downloadTtl) {
    }

    /** E-mail change links: signing secret, lifetime, public base URL, SMTP host/port and sender. */
    public record EmailChange(String secret, Duration ttl, String publicUrl, String smtpHost, int smtpPort,
                              String from) {
    }
}
