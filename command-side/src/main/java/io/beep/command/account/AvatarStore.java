package io.beep.command.account;

import io.beep.contracts.account.AvatarUploadView;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Avatars in S3 under {@code user/<userId>/}: presigned uploads bound to the declared size and type,
 * the check of an uploaded object before it becomes an avatar, and short-lived presigned downloads.
 */
@Component
class AvatarStore implements AutoCloseable {

    private final AccountsProperties.S3 s3;
    private final AccountsProperties.Avatar limits;
    private final S3Client client;
    private final S3Presigner presigner;

    AvatarStore(AccountsProperties properties) {
        this.s3 = properties.s3();
        this.limits = properties.avatar();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        var pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        this.client = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.of(s3.region()))
                .credentialsProvider(credentials).serviceConfiguration(pathStyle)
                .httpClient(Apache5HttpClient.builder().build()).build();
        this.presigner = S3Presigner.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.of(s3.region()))
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
    }

    /** A presigned PUT for a new avatar of this user; 413 / 415 beyond the limits. */
    AvatarUploadView presignUpload(UserId user, Long size, String contentType) {
        if (size == null || size <= 0) {
            throw DomainException.invalid("size must be a positive number of bytes");
        }
        if (size > limits.maxBytes()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "an avatar is at most " + limits.maxBytes() + " bytes");
        }
        var type = normalisedType(contentType);
        var key = "user/" + user.value() + "/" + UUID.randomUUID() + extension(type);
        var expires = Instant.now().plus(limits.uploadTtl());
        var request = presigner.presignPutObject(p -> p.signatureDuration(limits.uploadTtl())
                .putObjectRequest(o -> o.bucket(s3.bucket()).key(key).contentType(type).contentLength(size)));
        return new AvatarUploadView(key, request.url().toString(), expires, limits.maxBytes());
    }

    /**
     * Checks that {@code key} is an uploaded object of this user within the limits; answers the key.
     * Someone else's key or a missing object is 400; an object too large or of another type 413 / 415.
     */
    String requireUploaded(UserId user, String key) {
        if (!key.startsWith("user/" + user.value() + "/") || key.contains("..")) {
            throw DomainException.invalid("avatar must be a key returned by POST /users/@me/avatar");
        }
        HeadObjectResponse head;
        try {
            head = client.headObject(h -> h.bucket(s3.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw DomainException.invalid("no object was uploaded under this avatar key");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw DomainException.invalid("no object was uploaded under this avatar key");
            }
            throw new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE, "object store answered " + e.statusCode());
        } catch (SdkException e) {
            throw new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE, "object store unreachable");
        }
        if (head.contentLength() == null || head.contentLength() > limits.maxBytes()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "the uploaded avatar exceeds " + limits.maxBytes() + " bytes");
        }
        normalisedType(head.contentType());
        return key;
    }

    /** A short-lived presigned GET of an avatar; null for no avatar. */
    String downloadUrl(String key) {
        if (key == null) {
            return null;
        }
        return presigner.presignGetObject(p -> p.signatureDuration(limits.downloadTtl())
                .getObjectRequest(o -> o.bucket(s3.bucket()).key(key))).url().toString();
    }

    private String normalisedType(String contentType) {
        var type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        if (!limits.contentTypes().contains(type)) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "an avatar must be one of " + String.join(", ", limits.contentTypes()));
        }
        return type;
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            default -> "";
        };
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
