/** The webhooks of each channel, listed to their managers. */
package io.beep.projections.webhook;
