package dev.gatehouse.runtime.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a local port to a fixed target (the shared Redis), which a test can cut (close the port and every
 * relayed connection) and restore (listen on the same port again), to play an outage of a service the test must
 * not stop itself.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private TcpRelay(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** Starts relaying a free local port to {@code host:targetPort}. */
    public static TcpRelay start(String host, int targetPort) {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpRelay relay = new TcpRelay(new InetSocketAddress(host, targetPort), probe.getLocalPort());
            probe.close();
            relay.restore();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Listens again and relays new connections. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = s;
            Thread accept = new Thread(() -> accept(s), "tcp-relay-accept-" + port);
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses new connections and closes every relayed one. */
    public synchronized void cut() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 2_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // closed by cut(), or one connection failed: keep accepting while listening
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
