package io.beep.gateway.realtime.protocol;

/**
 * The server's frames as JSON text. Dispatch frames are assembled from a payload serialised once
 * per event, so a fan-out to many sockets costs one serialisation.
 */
public final class Frames {

    public static final String HELLO = "HELLO";
    public static final String IDENTIFY = "IDENTIFY";
    public static final String RESUME = "RESUME";
    public static final String HEARTBEAT = "HEARTBEAT";
    public static final String HEARTBEAT_ACK = "HEARTBEAT_ACK";
    public static final String DISPATCH = "DISPATCH";
    public static final String INVALID_SESSION = "INVALID_SESSION";

    public static final String READY = "READY";
    public static final String RESUMED = "RESUMED";

    static final String HEARTBEAT_ACK_FRAME = "{\"op\":\"HEARTBEAT_ACK\"}";
    static final String INVALID_SESSION_FRAME = "{\"op\":\"INVALID_SESSION\"}";

    private Frames() {
    }

    /** {@code {"op":"DISPATCH","t":type,"s":seq,"d":data}}; {@code data} is already JSON. */
    public static String dispatch(String type, long seq, String data) {
        return new StringBuilder(48 + type.length() + data.length())
                .append("{\"op\":\"DISPATCH\",\"t\":\"").append(type)
                .append("\",\"s\":").append(seq)
                .append(",\"d\":").append(data)
                .append('}').toString();
    }

    static String hello(long heartbeatIntervalMs) {
        return "{\"op\":\"HELLO\",\"d\":{\"heartbeatIntervalMs\":" + heartbeatIntervalMs + "}}";
    }
}
