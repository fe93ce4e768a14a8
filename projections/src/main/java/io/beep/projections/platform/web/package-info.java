/** Web plumbing of the admin routes: token validation, realm roles, problem+json errors. */
package io.beep.projections.platform.web;
