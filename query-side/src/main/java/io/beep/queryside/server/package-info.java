/** Reading servers: one server, and the servers the caller is a member of. */
package io.beep.queryside.server;
