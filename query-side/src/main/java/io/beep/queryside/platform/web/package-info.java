/** Web plumbing: security, the signed-in user, problem+json errors, ids, paging. */
package io.beep.queryside.platform.web;
