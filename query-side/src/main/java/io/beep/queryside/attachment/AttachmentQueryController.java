package io.beep.queryside.attachment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.queryside.platform.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Downloading an attachment: a redirect to a short-lived presigned GET, for viewers of its channel. */
@RestController
class AttachmentQueryController {

    /** Written by the projections' attachment view, in the messages processor. */
    static final String COLLECTION = "message_attachments";
    static final String VIEWS = "messages";

    private final MongoCollection<Document> attachments;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;
    private final AttachmentLinks links;

    AttachmentQueryController(MongoDatabase database, Authorizer authorizer, ReadConsistency consistency,
                              AttachmentLinks links) {
        this.attachments = database.getCollection(COLLECTION);
        this.authorizer = authorizer;
        this.consistency = consistency;
        this.links = links;
    }

    @Operation(summary = "Download a message attachment: 302 to a short-lived presigned GET.",
            description = "404 unless the file belongs to a live message of a channel the caller may view.")
    @GetMapping("/api/v1/attachments/{attachmentId}")
    ResponseEntity<Void> download(@PathVariable String attachmentId,
                                  @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var id = Long.toString(Ids.path(attachmentId));
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        var file = attachments.find(Filters.eq("_id", id)).first();
        if (file == null) {
            throw DomainException.notFound("attachment");
        }
        try {
            authorizer.requireView(Resource.channel(Long.parseLong(file.getString("channelId"))), CurrentUser.id(),
                    zedToken);
        } catch (DomainException e) {
            throw DomainException.notFound("attachment");
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(links.link(id, file.getString("filename"), file.getString("contentType"))))
                .header("Cache-Control", "no-store")
                .build();
    }
}
