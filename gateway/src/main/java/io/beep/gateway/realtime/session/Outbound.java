package io.beep.gateway.realtime.session;

/** The socket a session currently writes to. */
public interface Outbound {

    /** Queues a text frame; false when the socket is closed or too far behind (it is then closing). */
    boolean send(String frame);

    /** Closes the socket with a WebSocket close code, after the frames already queued. */
    void close(int code, String reason);
}
