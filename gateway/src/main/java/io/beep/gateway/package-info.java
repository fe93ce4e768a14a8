/**
 * The Beep gateway: the only public entry. It authenticates bearer tokens, routes REST calls to the
 * command, query and projection services, answers errors as problem+json and serves one merged
 * OpenAPI document. Features live in sub-packages: {@code routing}, {@code security},
 * {@code problem}, {@code openapi}, {@code requestid} and {@code realtime} (the WebSocket gateway).
 */
package io.beep.gateway;
