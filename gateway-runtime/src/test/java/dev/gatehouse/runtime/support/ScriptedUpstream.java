package dev.gatehouse.runtime.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * An upstream whose behaviour a test sets per connection: {@link Mode#RESET} reads the request and resets the
 * connection without answering (as a pooled connection the upstream closed would), {@link Mode#FAIL} answers 500,
 * {@link Mode#OK} answers 200 {@code ok} with the length and CRC-32 of the request body it read in
 * {@code X-Body-Length} and {@code X-Body-Crc32}, {@link Mode#JSON} the same with the JSON body
 * {@code {"ok":true}}. {@link #resetNext(int)} resets that many connections before falling back to the mode. Every connection is counted, and closed after one exchange.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** What a connection gets. */
    public enum Mode { OK, JSON, FAIL, RESET }

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private volatile Mode mode = Mode.OK;

    private ScriptedUpstream(ServerSocket server) {
        this.server = server;
        Thread accept = new Thread(this::accept, "scripted-upstream-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** Starts on a random port of 127.0.0.1. */
    public static ScriptedUpstream start() {
        try {
            return new ScriptedUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public void mode(Mode value) {
        mode = value;
    }

    /** Resets the next {@code count} connections, whatever the mode. */
    public void resetNext(int count) {
        resets.set(count);
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread worker = new Thread(() -> serve(socket));
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            byte[] received = readRequest(socket.getInputStream());
            Mode now = resets.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Mode.RESET : mode;
            if (now == Mode.RESET) {
                // SO_LINGER 0: close sends RST instead of FIN
                socket.setSoLinger(true, 0);
                return;
            }
            String body = now == Mode.OK ? "ok" : now == Mode.JSON ? "{\"ok\":true}" : "fail";
            String status = now == Mode.FAIL ? "500 Internal Server Error" : "200 OK";
            String type = now == Mode.JSON ? "application/json" : "text/plain";
            OutputStream out = socket.getOutputStream();
            CRC32 crc = new CRC32();
            crc.update(received);
            out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                    + "\r\nX-Body-Length: " + received.length + "\r\nX-Body-Crc32: " + crc.getValue()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the gateway gave up on the connection; nothing to do
        }
    }

    /** Reads the request head and its Content-Length body; returns the body. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return new byte[0];
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = text.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
            return in.readNBytes(length);
        }
        return new byte[0];
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
