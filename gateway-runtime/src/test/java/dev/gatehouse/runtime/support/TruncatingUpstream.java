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
import java.time.Duration;
import java.util.Arrays;

/**
 * An upstream that starts a 200 response and breaks it off: it reads a request head and, by the request path,
 * promises {@link #LENGTH} bytes with {@code Content-Length} ({@code /length}, {@code /reset}) or sends chunks
 * ({@code /chunked}), sends {@link #SENT} bytes of body, then closes the connection ({@code /reset}: resets it).
 * Paths containing {@code /small} promise {@link #SMALL_LENGTH} bytes and send half. Between the part sent and the
 * break it pauses {@link #BREAK_OFF_DELAY}, the one deliberate wait: a reset discards what the gateway has not read
 * yet, and an upstream cannot see what its peer has read.
 */
public final class TruncatingUpstream implements AutoCloseable {

    /** Body length promised by {@code /length} and {@code /reset}. */
    public static final int LENGTH = 400_000;
    /** Body bytes sent before breaking off (large responses). */
    public static final int SENT = 150_000;
    /** Body length promised by {@code /small}. */
    public static final int SMALL_LENGTH = 1_000;
    /** How long the part sent has to reach the gateway before the upstream breaks off (intentional latency). */
    static final Duration BREAK_OFF_DELAY = Duration.ofMillis(200);

    private final ServerSocket server;

    private TruncatingUpstream(ServerSocket server) {
        this.server = server;
        Thread accept = new Thread(this::accept, "truncating-upstream-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** Starts on a random port of 127.0.0.1. */
    public static TruncatingUpstream start() {
        try {
            return new TruncatingUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread worker = new Thread(() -> serve(socket));
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            String head = readHead(socket.getInputStream());
            String path = head.isEmpty() ? "" : head.split(" ")[1];
            OutputStream out = socket.getOutputStream();
            byte[] body = new byte[SENT];
            Arrays.fill(body, (byte) 'x');
            if (path.contains("/small")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + SMALL_LENGTH + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, SMALL_LENGTH / 2);
            } else if (path.contains("/chunked")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 0; i < SENT / 10_000; i++) {
                    out.write((Integer.toHexString(10_000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, 0, 10_000);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            } else {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + LENGTH
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
            }
            out.flush();
            // let the gateway read (and start relaying) the part sent, then break off
            Thread.sleep(BREAK_OFF_DELAY.toMillis());
            if (path.contains("/reset")) {
                // SO_LINGER 0: close sends RST instead of FIN
                socket.setSoLinger(true, 0);
            }
        } catch (IOException | InterruptedException e) {
            // the gateway gave up on the connection; nothing to do
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
