package io.beep.command.attachment;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.message.AttachmentView;
import io.beep.contracts.message.MessageAttachment;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachment files in S3: object {@code message/<attachmentId>}. Presigned PUTs for uploads (the
 * declared content type is part of the signature), HEAD to check what was uploaded, presigned GETs
 * for downloads, DELETE (idempotent: a missing object is not an error).
 */
@Component
public class AttachmentStorage {

    static final String PREFIX = "message/";

    private final AttachmentProperties properties;
    private final S3Client s3;
    private final S3Presigner presigner;

    public AttachmentStorage(AttachmentProperties properties) {
        this.properties = properties;
        var s3Properties = properties.s3();
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3Properties.accessKey(), s3Properties.secretKey()));
        var pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        var endpoint = URI.create(s3Properties.endpoint());
        var region = Region.of(s3Properties.region());
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle).build();
        this.presigner = S3Presigner.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
    }

    static String key(String attachmentId) {
        return PREFIX + attachmentId;
    }

    /** A link to PUT the file's bytes (with the declared {@code Content-Type}) until {@code expiresAt}. */
    public Upload uploadLink(String attachmentId, String contentType) {
        var expiresAt = Instant.now().plus(properties.uploadTtl());
        var put = PutObjectRequest.builder().bucket(properties.s3().bucket()).key(key(attachmentId))
                .contentType(contentType).build();
        var url = presigner.presignPutObject(p -> p.signatureDuration(properties.uploadTtl()).putObjectRequest(put))
                .url().toString();
        return new Upload(url, expiresAt);
    }

    /** What was uploaded for the attachment; empty if nothing was. */
    public Optional<Stored> stored(String attachmentId) {
        try {
            var head = s3.headObject(HeadObjectRequest.builder().bucket(properties.s3().bucket())
                    .key(key(attachmentId)).build());
            return Optional.of(new Stored(head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable();
        } catch (SdkException e) {
            throw unavailable();
        }
    }

    /** Removes the attachment's file; a file already gone is fine. */
    public void delete(String attachmentId) {
        s3.deleteObject(DeleteObjectRequest.builder().bucket(properties.s3().bucket()).key(key(attachmentId)).build());
    }

    /** The attachment with a short-lived download link. */
    public AttachmentView view(MessageAttachment attachment) {
        return new AttachmentView(attachment.id(), attachment.filename(), attachment.size(),
                attachment.contentType(), downloadLink(attachment.id()));
    }

    /** A short-lived presigned GET of the attachment's file. */
    public String downloadLink(String attachmentId) {
        var get = GetObjectRequest.builder().bucket(properties.s3().bucket()).key(key(attachmentId)).build();
        return presigner.presignGetObject(p -> p.signatureDuration(properties.downloadTtl()).getObjectRequest(get))
                .url().toString();
    }

    private static DomainException unavailable() {
        return new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE, "file storage (S3) is unavailable");
    }

    @PreDestroy
    void close() {
        presigner.close();
        s3.close();
    }

    /** A presigned upload. */
    public record Upload(String url, Instant expiresAt) {
    }

    /** An uploaded object's size and content type. */
    public record Stored(long size, String contentType) {
    }
}
