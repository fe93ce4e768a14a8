/** Listing a channel's webhooks (never their tokens) to members with MANAGE_WEBHOOKS. */
package io.beep.queryside.webhook;
