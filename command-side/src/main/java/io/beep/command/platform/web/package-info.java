/** Web plumbing: security, the signed-in user, problem+json errors. */
package io.beep.command.platform.web;
