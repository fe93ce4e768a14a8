package io.beep.command.attachment;

import io.beep.command.channel.ChannelDirectory;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.command.platform.web.Require;
import io.beep.contracts.attachment.AttachmentId;
import io.beep.contracts.attachment.RequestAttachmentUploadCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Reserving uploads of message attachments over REST. */
@RestController
class AttachmentController {

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final ChannelDirectory directory;
    private final EventPositions positions;
    private final AttachmentStorage storage;
    private final AttachmentProperties properties;

    AttachmentController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, ChannelDirectory directory,
                         EventPositions positions, AttachmentStorage storage, AttachmentProperties properties) {
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.directory = directory;
        this.positions = positions;
        this.storage = storage;
        this.properties = properties;
    }

    @Operation(summary = "Reserve an upload of a file to attach to a message (ATTACH_FILES).",
            description = "Answers a presigned PUT under the message/ prefix: send the raw bytes with the declared "
                    + "Content-Type before expiresAt, then send a message with attachmentIds. A declared size over "
                    + "the limit answers 413 PAYLOAD_TOO_LARGE, a content type not accepted 415 "
                    + "UNSUPPORTED_MEDIA_TYPE; both are checked again against the uploaded object when the message "
                    + "is sent.")
    @PostMapping("/api/v1/channels/{channelId}/attachments")
    ResponseEntity<UploadResponse> request(@PathVariable String channelId, @RequestBody UploadRequest request,
                                           @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = directory.find(ChannelId.of(Ids.snowflake(channelId)))
                .orElseThrow(() -> DomainException.notFound("channel"));
        authorizer.require(Resource.channel(channel.channelId().value()), "attach_files", user, Consistency.parse(token));
        if (!channel.type().carriesMessages()) {
            throw DomainException.invalid("files cannot be sent to a " + channel.type().name().toLowerCase(Locale.ROOT)
                    + " channel");
        }
        Require.present("size", request.size());
        var contentType = contentType(request.contentType());
        if (request.size() > properties.maxBytes()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "a file may have at most " + properties.maxBytes() + " bytes");
        }
        if (!properties.allowedTypes().contains(contentType)) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "files of type " + contentType
                    + " are not accepted");
        }
        var attachmentId = AttachmentId.of(ids.next());
        commands.sendAndWait(new RequestAttachmentUploadCommand(attachmentId, channel.channelId(), channel.serverId(),
                user, request.filename(), request.size(), contentType));
        var upload = storage.uploadLink(attachmentId.value(), contentType);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(Consistency.HEADER, Long.toString(positions.latestOf(attachmentId.value())))
                .body(new UploadResponse(attachmentId.value(), upload.url(), upload.expiresAt(), contentType));
    }

    /** The declared type in lower case without parameters ({@code text/plain; charset=utf-8} is {@code text/plain}). */
    static String contentType(String declared) {
        var type = Require.name("contentType", declared, 255);
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Body of {@code POST /channels/{id}/attachments}. */
    record UploadRequest(String filename, Long size, String contentType) {
    }

    /** Where and until when to upload; {@code contentType} is the header value the upload must send. */
    record UploadResponse(String attachmentId, String uploadUrl, Instant expiresAt, String contentType) {
    }
}
