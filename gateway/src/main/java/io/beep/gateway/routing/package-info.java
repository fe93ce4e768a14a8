/**
 * Reverse proxying of REST calls: an ordered route table (path patterns and method sets) picks a
 * backend, and {@link io.beep.gateway.routing.ProxyHandler} streams the request to it over a pooled
 * keep-alive client and streams the answer back unchanged.
 */
package io.beep.gateway.routing;
