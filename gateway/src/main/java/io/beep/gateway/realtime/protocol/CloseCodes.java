package io.beep.gateway.realtime.protocol;

/**
 * WebSocket close codes of the gateway (4000-4999 are the application's; documented in
 * docs/api.md). After 4000, 4009, 4010 and 4012 a client may RESUME (after 4012 with a fresh
 * token); after the others it must fix what it sends.
 */
public final class CloseCodes {

    /** Something went wrong on the server; resume. */
    public static final int UNKNOWN_ERROR = 4000;
    /** The frame's {@code op} is not one the client may send. */
    public static final int UNKNOWN_OPCODE = 4001;
    /** Not a JSON text frame of the expected shape. */
    public static final int DECODE_ERROR = 4002;
    /** A frame other than IDENTIFY, RESUME or HEARTBEAT before identifying, or no IDENTIFY in time. */
    public static final int NOT_AUTHENTICATED = 4003;
    /** The token of IDENTIFY or RESUME is not valid (sent after INVALID_SESSION). */
    public static final int AUTHENTICATION_FAILED = 4004;
    /** A second IDENTIFY or RESUME on an identified socket. */
    public static final int ALREADY_AUTHENTICATED = 4005;
    /** Too many frames. */
    public static final int RATE_LIMITED = 4008;
    /** No heartbeat within the timeout; resume. */
    public static final int SESSION_TIMED_OUT = 4009;
    /** The client read too slowly and too many frames were queued for it; resume. */
    public static final int TOO_SLOW = 4010;
    /** The session was resumed on another socket. */
    public static final int SESSION_REPLACED = 4011;
    /** The access token the socket was identified with expired; RESUME with a fresh token. */
    public static final int TOKEN_EXPIRED = 4012;
    /** RFC 6455: a frame larger than the limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** RFC 6455: the server is going away (shutdown); resume elsewhere. */
    public static final int GOING_AWAY = 1001;

    private CloseCodes() {
    }
}
