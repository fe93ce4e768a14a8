/**
 * Channel webhooks: created and deleted by members with MANAGE_WEBHOOKS, answered with an HS256 token
 * naming the webhook and its channel; posting with that token creates a message shown as the webhook.
 */
package io.beep.command.webhook;
