/** Channel webhooks: named posting identities with their own signed token. */
package io.beep.contracts.webhook;
