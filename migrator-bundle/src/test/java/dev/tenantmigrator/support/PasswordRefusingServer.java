package dev.tenantmigrator.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in PostgreSQL server that asks for a password and refuses every one, as a server with
 * password authentication answers a wrong password: the embedded test server trusts every local
 * login, so it cannot show that failure. It speaks just enough of the wire protocol for pgjdbc to
 * log in: no to SSL, a cleartext password request, then PostgreSQL's error 28P01.
 */
public final class PasswordRefusingServer implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_ENCRYPTION_REQUEST = 80877104;
    private static final int CLEARTEXT_PASSWORD = 3;

    private final ServerSocket server;

    private PasswordRefusingServer(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::serve, "password-refusing-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free loopback port until closed. */
    public static PasswordRefusingServer start() {
        try {
            return new PasswordRefusingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL for {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/" + database;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(5_000);
                refuse(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
            } catch (IOException e) {
                // The client gave up or the server was closed; the loop condition decides which.
            }
        }
    }

    private static void refuse(DataInputStream in, DataOutputStream out) throws IOException {
        byte[] startup;
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            if (code != SSL_REQUEST && code != GSS_ENCRYPTION_REQUEST) {
                startup = in.readNBytes(length - 8);
                break;
            }
            out.writeByte('N');
            out.flush();
        }
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(CLEARTEXT_PASSWORD);
        out.flush();
        in.readByte();
        in.readNBytes(in.readInt() - 4);
        error(out, "password authentication failed for user \"" + parameter(startup, "user") + "\"");
    }

    /** A startup parameter: the packet is name, NUL, value, NUL, ... */
    private static String parameter(byte[] startup, String name) {
        String[] parts = new String(startup, StandardCharsets.UTF_8).split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (parts[i].equals(name)) {
                return parts[i + 1];
            }
        }
        return "";
    }

    private static void error(DataOutputStream out, String message) throws IOException {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String field : new String[] {"SFATAL", "VFATAL", "C28P01", "M" + message}) {
            fields.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            fields.write(0);
        }
        fields.write(0);
        out.writeByte('E');
        out.writeInt(4 + fields.size());
        out.write(fields.toByteArray());
        out.flush();
    }
}
