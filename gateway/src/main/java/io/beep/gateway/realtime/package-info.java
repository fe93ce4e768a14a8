/**
 * The real-time WebSocket gateway at {@code /api/v1/gateway} (docs/api.md, "Real-time gateway"):
 * HELLO / IDENTIFY / READY, heartbeats, DISPATCH frames with a per-session sequence, RESUME from a
 * bounded replay buffer. Events come from Kafka ({@code event}), reach only the sockets whose user
 * may view them now ({@code access}), and are written to sessions ({@code session}) over the
 * socket protocol ({@code protocol}). Typing signals ({@code typing}) never touch the event store.
 * Its handler mappings run before the REST route table.
 */
package io.beep.gateway.realtime;
