/**
 * The gateway's own HTTP server (reactor-netty under Spring WebFlux): connection-level settings
 * that no route or filter can express.
 */
package io.beep.gateway.server;
