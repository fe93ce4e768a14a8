package io.beep.queryside.attachment;

import io.beep.contracts.message.AttachmentView;
import io.beep.contracts.message.MessageView;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Short-lived presigned GETs of attachment files (object {@code message/<attachmentId>}), made at
 * read time and never stored. Presigning is local computation: no call to S3. The link names the
 * file (Content-Disposition) and its type.
 */
@Component
public class AttachmentLinks {

    private final AttachmentProperties properties;
    private final S3Presigner presigner;

    public AttachmentLinks(AttachmentProperties properties) {
        this.properties = properties;
        var s3 = properties.s3();
        this.presigner = S3Presigner.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public String link(String attachmentId, String filename, String contentType) {
        var get = GetObjectRequest.builder().bucket(properties.s3().bucket()).key("message/" + attachmentId);
        if (filename != null) {
            get.responseContentDisposition("attachment; filename*=UTF-8''"
                    + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (contentType != null) {
            get.responseContentType(contentType);
        }
        var request = get.build();
        return presigner.presignGetObject(p -> p.signatureDuration(properties.downloadTtl()).getObjectRequest(request))
                .url().toString();
    }

    /** The message with a fresh link on each attachment. */
    public MessageView withLinks(MessageView message) {
        if (message.attachments() == null || message.attachments().isEmpty()) {
            return message;
        }
        return message.withAttachments(message.attachments().stream()
                .map(a -> new AttachmentView(a.id(), a.filename(), a.size(), a.contentType(),
                        link(a.id(), a.filename(), a.contentType())))
                .toList());
    }

    @PreDestroy
    void close() {
        presigner.close();
    }
}
