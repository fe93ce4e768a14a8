/**
 * Request ids: every request carries an {@code X-Request-Id} (the client's, or a generated UUID),
 * forwarded to backends, echoed in the response and put in log lines.
 */
package io.beep.gateway.requestid;
