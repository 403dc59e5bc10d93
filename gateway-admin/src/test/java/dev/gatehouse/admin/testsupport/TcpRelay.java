package dev.gatehouse.admin.testsupport;

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
 * A TCP relay on a local port to a fixed target (the test PostgreSQL), to play a database outage without stopping
 * the server other tests share. {@link #cut()} refuses connections and drops the open ones (PostgreSQL down);
 * {@link #stall()} accepts connections but lets no byte through (a network black hole, the case timeouts are
 * for); {@link #restore()} relays again.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean stalled;

    private TcpRelay(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** Starts relaying a free local port to {@code host:targetPort}. */
    public static TcpRelay start(String host, int targetPort) {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpRelay relay = new TcpRelay(new InetSocketAddress(host, targetPort), probe.getLocalPort());
            probe.close();
            relay.listen();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local port clients connect to. */
    public int port() {
        return port;
    }

    /** Relays again: listens if it was cut; drops the stalled connections, which no client can use any more. */
    public synchronized void restore() {
        if (stalled) {
            stalled = false;
            closeAll();
        }
        listen();
    }

    private void listen() {
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
        closeAll();
    }

    /** Keeps every connection open and accepts new ones, but forwards nothing in either direction. */
    public synchronized void stall() {
        stalled = true;
        listen();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                sockets.add(client);
                if (stalled) {
                    continue;
                }
                Socket upstream = new Socket();
                sockets.add(upstream);
                upstream.connect(target, 2_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
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
                    holdWhileStalled(from);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** Holds a chunk read while the relay is stalled, until it relays again or the connection is closed. */
    private synchronized void holdWhileStalled(Socket from) throws InterruptedException {
        while (stalled && !from.isClosed()) {
            wait();
        }
    }

    /** Closes every relayed connection and wakes the pipes held by a stall, which then end. Holds the lock. */
    private void closeAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
        notifyAll();
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
