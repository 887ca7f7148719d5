package dev.tenantmigrator.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * The sockets of the migrator's connections, with TCP keepalive that notices a dead server or a cut
 * network within the network timeout instead of the operating system's two hours. pgjdbc makes it
 * from its {@code socketFactory} property, passing {@code socketFactoryArg}: the network timeout in
 * seconds. Where the operating system has no per-socket timing, keepalive is on at its defaults.
 */
public final class KeepaliveSocketFactory extends SocketFactory {

    private final TcpKeepalive keepalive;

    /** @param networkTimeoutSeconds the bound, in whole seconds, as {@code socketFactoryArg} gives it */
    public KeepaliveSocketFactory(String networkTimeoutSeconds) {
        this.keepalive = TcpKeepalive.within(Duration.ofSeconds(Long.parseLong(networkTimeoutSeconds.strip())));
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setKeepAlive(true);
        if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
            set(socket);
        }
        return socket;
    }

    private void set(Socket socket) {
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, keepalive.idleSeconds());
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, keepalive.intervalSeconds());
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, keepalive.count());
        } catch (IOException | UnsupportedOperationException e) {
            // Keepalive stays on at the operating system's timing.
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress to) throws IOException {
        Socket socket = createSocket();
        socket.connect(to);
        return socket;
    }

    private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
        Socket socket = createSocket();
        socket.bind(from);
        socket.connect(to);
        return socket;
    }
}
