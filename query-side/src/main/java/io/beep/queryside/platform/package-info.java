/** Plumbing shared by the features: web errors and security, authorisation, read consistency, Mongo. */
package io.beep.queryside.platform;
