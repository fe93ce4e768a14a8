/** A thin typed client of the authorization server (SpiceDB): schema and relationship writes. */
package io.beep.saga.platform.authz;
