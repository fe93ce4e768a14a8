package io.beep.queryside.attachment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code beep.attachments.*}: how long download links stay valid, and the S3 bucket files live in. */
@ConfigurationProperties("beep.attachments")
public record AttachmentProperties(Duration downloadTtl, S3 s3) {

    public AttachmentProperties {
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
