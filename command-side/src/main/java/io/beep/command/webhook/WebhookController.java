package io.beep.command.webhook;

import io.beep.command.channel.ChannelDirectory;
import io.beep.command.channel.ChannelLiveness;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.command.platform.ratelimit.RateLimitProperties;
import io.beep.command.platform.ratelimit.RateLimiter;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.SendWebhookMessageCommand;
import io.beep.contracts.webhook.CreateWebhookCommand;
import io.beep.contracts.webhook.DeleteWebhookCommand;
import io.beep.contracts.webhook.WebhookId;
import io.beep.contracts.webhook.WebhookView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Creating and deleting webhooks, and posting messages with a webhook's token. */
@RestController
class WebhookController {

    private static final String BEARER = "Bearer ";

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final ChannelDirectory channels;
    private final EventPositions positions;
    private final WebhookDirectory webhooks;
    private final WebhookTokens tokens;
    private final RateLimiter rateLimiter;
    private final RateLimitProperties.Bucket bucket;
    private final ChannelLiveness liveness;

    WebhookController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, ChannelDirectory channels,
                      EventPositions positions, WebhookDirectory webhooks, WebhookTokens tokens,
                      RateLimiter rateLimiter, WebhookProperties properties, ChannelLiveness liveness) {
        this.liveness = liveness;
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.channels = channels;
        this.positions = positions;
        this.webhooks = webhooks;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.bucket = new RateLimitProperties.Bucket(properties.messagesLimit(), properties.messagesWindowMs());
    }

    @Operation(summary = "Create a webhook in a channel (MANAGE_WEBHOOKS).",
            description = "The answer's token (only in this answer) is a JWT naming the webhook and the channel; "
                    + "post messages with it to url as Authorization: Bearer <token>.")
    @PostMapping("/api/v1/channels/{channelId}/webhooks")
    ResponseEntity<WebhookView> create(@PathVariable String channelId, @RequestBody CreateWebhookRequest request,
                                       @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = channels.find(ChannelId.of(Ids.snowflake(channelId)))
                .orElseThrow(() -> DomainException.notFound("channel"));
        authorizer.require(Resource.channel(channel.channelId().value()), "manage_webhooks", user,
                Consistency.parse(token));
        if (!channel.type().carriesMessages() || channel.serverId() == null) {
            throw DomainException.invalid("webhooks exist only in server text channels, not in a "
                    + channel.type().name().toLowerCase(Locale.ROOT) + " channel");
        }
        var webhookId = WebhookId.of(ids.next());
        commands.sendAndWait(new CreateWebhookCommand(webhookId, channel.channelId(), channel.serverId(),
                request.name(), user));
        var created = webhooks.live(webhookId.value()).orElseThrow();
        var view = new WebhookView(webhookId.value(), channel.channelId().value(), created.name(),
                tokens.issue(webhookId.value(), channel.channelId().value()), url(webhookId.value()));
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + webhookId.value()))
                .header(Consistency.HEADER, Long.toString(positions.latestOf(webhookId.value())))
                .body(view);
    }

    @Operation(summary = "Delete a webhook (MANAGE_WEBHOOKS in its channel); its token is no longer accepted.")
    @DeleteMapping("/api/v1/webhooks/{webhookId}")
    ResponseEntity<Void> delete(@PathVariable String webhookId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var id = Ids.snowflake(webhookId);
        var webhook = webhooks.live(id).orElseThrow(() -> DomainException.notFound("webhook"));
        try {
            authorizer.require(Resource.channel(webhook.channelId().value()), "manage_webhooks", user,
                    Consistency.parse(token));
        } catch (DomainException e) {
            throw e.code() == ErrorCode.NOT_FOUND ? DomainException.notFound("webhook") : e;
        }
        commands.sendAndWait(new DeleteWebhookCommand(WebhookId.of(id), user));
        return ResponseEntity.status(HttpStatus.NO_CONTENT)
                .header(Consistency.HEADER, Long.toString(positions.latestOf(id)))
                .build();
    }

    @Operation(summary = "Post a message as the webhook, authenticated by the webhook's token (not a user token).",
            description = "401 UNAUTHENTICATED for a missing, malformed, forged, expired or revoked token; 403 "
                    + "FORBIDDEN for a valid token of another webhook or channel; 404 NOT_FOUND once the channel or its server "
                    + "was deleted. Each webhook has its own rate "
                    + "limit (X-RateLimit-* headers, 429 RATE_LIMITED). username overrides the shown name.")
    @PostMapping("/api/v1/webhooks/{webhookId}/messages")
    ResponseEntity<MessageView> post(@PathVariable String webhookId, @RequestBody WebhookMessageRequest request,
                                     @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                                     String authorization,
                                     HttpServletResponse response) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "a webhook token is required");
        }
        var claims = tokens.verify(authorization.substring(BEARER.length()).strip());
        if (!claims.webhookId().equals(webhookId)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the token belongs to another webhook");
        }
        var webhook = webhooks.live(webhookId)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "the webhook token was revoked"));
        if (!webhook.channelId().value().equals(claims.channelId())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the token is for another channel");
        }
        if (!liveness.live(webhook.channelId())) {
            throw DomainException.notFound("channel");
        }
        RateLimiter.enforce(rateLimiter.webhookMessagePosted(webhookId, bucket), response);
        var displayName = request.username() == null || request.username().isBlank()
                ? webhook.name() : request.username();
        var messageId = MessageId.of(ids.next());
        commands.sendAndWait(new SendWebhookMessageCommand(messageId, webhook.channelId(), webhook.serverId(),
                webhookId, displayName, request.content()));
        var view = new MessageView(messageId.value(), webhook.channelId().value(),
                webhook.serverId() == null ? null : webhook.serverId().value(), webhookId,
                request.content().strip(), Snowflake.timeOf(messageId.value()), null, false, "default", List.of(),
                null, null, webhookId, displayName.strip());
        return ResponseEntity.created(URI.create("/api/v1/channels/" + webhook.channelId().value() + "/messages/"
                        + messageId.value()))
                .header(Consistency.HEADER, Long.toString(positions.latestOf(messageId.value())))
                .body(view);
    }

    private static String url(String webhookId) {
        return "/api/v1/webhooks/" + webhookId + "/messages";
    }

    /** Body of {@code POST /channels/{id}/webhooks}. */
    record CreateWebhookRequest(String name) {
    }

    /** Body of {@code POST /webhooks/{id}/messages}. */
    record WebhookMessageRequest(String content, String username) {
    }
}
