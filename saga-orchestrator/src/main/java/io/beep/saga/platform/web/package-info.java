/** The saga service's few HTTP routes: token checks, realm roles and problem+json answers. */
package io.beep.saga.platform.web;
