package io.beep.queryside.webhook;

import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.Page;
import io.beep.contracts.webhook.WebhookView;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.queryside.platform.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A channel's webhooks over REST. */
@RestController
class WebhookQueryController {

    /** Written by the projections' webhook view, in the messages processor. */
    static final String COLLECTION = "webhooks";
    static final String VIEWS = "messages";
    static final int MAX_WEBHOOKS = 100;

    private final MongoCollection<Document> webhooks;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;

    WebhookQueryController(MongoDatabase database, Authorizer authorizer, ReadConsistency consistency) {
        this.webhooks = database.getCollection(COLLECTION);
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "The channel's webhooks, oldest first, without tokens (MANAGE_WEBHOOKS).",
            description = "404 unless the caller may view the channel; 403 without MANAGE_WEBHOOKS.")
    @GetMapping("/api/v1/channels/{channelId}/webhooks")
    Page<WebhookView> list(@PathVariable String channelId,
                           @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(channelId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        authorizer.requireView(Resource.channel(id), user, zedToken);
        if (!authorizer.has(Resource.channel(id), "manage_webhooks", user, zedToken)) {
            throw DomainException.forbidden("MANAGE_WEBHOOKS");
        }
        var items = webhooks.find(Filters.eq("channelId", Long.toString(id))).sort(ascending("_id"))
                .limit(MAX_WEBHOOKS)
                .map(d -> new WebhookView(d.getString("_id"), d.getString("channelId"), d.getString("name"), null,
                        "/api/v1/webhooks/" + d.getString("_id") + "/messages"))
                .into(new ArrayList<>());
        return Page.of(items, null);
    }
}
