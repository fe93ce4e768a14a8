package io.beep.command.attachment;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code beep.attachments.*}: the largest file accepted ({@code max-bytes}), the content types
 * accepted (lower case, without parameters), how long an upload link stays valid, how long download
 * links in answers stay valid, and the S3 bucket files live in.
 */
@ConfigurationProperties("beep.attachments")
public record AttachmentProperties(
        long maxBytes,
        Set<String> allowedTypes,
        Duration uploadTtl,
        Duration downloadTtl,
        S3 s3) {

    public AttachmentProperties {
        maxBytes = maxBytes <= 0 ? 25L * 1024 * 1024 : maxBytes;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                ? Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "application/pdf",
                        "application/zip", "audio/mpeg", "video/mp4")
                : allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        uploadTtl = uploadTtl == null ? Duration.ofMinutes(10) : uploadTtl;
        downloadTtl = downloadTtl == null ? Duration.ofMinutes(10) : downloadTtl;
        s3 = s3 == null ? new S3(null, null, null, null, null) : s3;
    }

    /** An S3-compatible endpoint reached with path-style addressing. */
    public record S3(String endpoint, String region, String accessKey, String secretKey, String bucket) {

        public S3 {
            endpoint = endpoint == null || endpoint.isBlank() ? "http://127.0.0.1:9000" : endpoint;
            region = region == null || region.isBlank() ? "us-east-1" : region;
            accessKey = accessKey == null ? "beep" : accessKey;
            secretKey = secretKey == null ? "beep-secret-key" : secretKey;
            bucket = bucket == null || bucket.isBlank() ? "beep" : bucket;
        }
    }
}
