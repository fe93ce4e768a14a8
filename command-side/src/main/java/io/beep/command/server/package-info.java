/** Servers: the server aggregate and its commands over REST. */
package io.beep.command.server;
