package dev.tenantmigrator.internal;

import java.time.Duration;

/**
 * TCP keepalive timing that notices a dead peer within a bound: probes start after {@code idle}
 * seconds of silence, repeat every {@code interval} seconds, and {@code count} unanswered probes end
 * the connection. The same timing is asked of the driver's sockets and of the server's side of the
 * migrator's sessions.
 */
public record TcpKeepalive(int idleSeconds, int intervalSeconds, int count) {

    private static final int PROBES = 4;

    /** Timing that notices a dead peer within about three quarters of {@code bound} (a second at least per step). */
    public static TcpKeepalive within(Duration bound) {
        long seconds = bound.toSeconds();
        return new TcpKeepalive((int) Math.max(1, seconds / 4), (int) Math.max(1, seconds / 8), PROBES);
    }

    /** The longest a dead peer goes unnoticed on a silent connection. */
    public Duration noticedWithin() {
        return Duration.ofSeconds(idleSeconds + (long) intervalSeconds * count);
    }
}
