/** Reading servers: one server, the servers the caller is a member of, members, roles and bans. */
package io.beep.queryside.server;
