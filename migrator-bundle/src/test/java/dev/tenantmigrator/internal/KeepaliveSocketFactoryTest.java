package dev.tenantmigrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

class KeepaliveSocketFactoryTest {

    @Test
    void aDeadPeerIsNoticedWithinThreeQuartersOfTheNetworkTimeout() {
        TcpKeepalive minute = TcpKeepalive.within(Duration.ofSeconds(60));

        assertThat(minute).isEqualTo(new TcpKeepalive(15, 7, 4));
        assertThat(minute.noticedWithin()).isLessThanOrEqualTo(Duration.ofSeconds(45));
        assertThat(TcpKeepalive.within(Duration.ofSeconds(1))).isEqualTo(new TcpKeepalive(1, 1, 4));
    }

    @Test
    void theDriversSocketsProbeOnTheTimingTheArgumentGives() throws Exception {
        try (Socket socket = new KeepaliveSocketFactory(" 60 ").createSocket()) {
            assertThat(socket.getKeepAlive()).isTrue();
            if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(15);
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(7);
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(4);
            }
        }
    }
}
