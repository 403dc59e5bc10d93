package dev.gatehouse.runtime.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deliberately dumb HTTP/1.1 client over a socket: it sends the request line and headers exactly as given
 * (raw paths with dot segments or odd escapes, Host, Connection and other headers that JDK clients refuse or
 * rewrite) and reads the response until the server closes the connection.
 */
public final class RawHttp {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RawHttp() {
    }

    /** Writes a request body to the socket. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A response: status, headers by lower-case name, body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return MAPPER.readTree(body);
        }
    }

    /** Sends a request without a body. {@code headers} alternate name and value; Host defaults to 127.0.0.1. */
    public static Response send(int port, String method, String target, String... headers) {
        return send(port, method, target, List.of(headers), -1, null);
    }

    /**
     * Sends a request without a body from another loopback source address (such as {@code 127.0.0.42}), so that
     * tests counted per client address do not share the count of {@code 127.0.0.1}.
     */
    public static Response sendFrom(String sourceAddress, int port, String method, String target,
                                    String... headers) {
        return send(sourceAddress, port, method, target, List.of(headers), -1, null);
    }

    /** Sends a request whose body {@code writer} streams; {@code length} becomes Content-Length (-1: chunked). */
    public static Response send(int port, String method, String target, List<String> headers, long length,
                                BodyWriter writer) {
        return send(null, port, method, target, headers, length, writer);
    }

    private static Response send(String sourceAddress, int port, String method, String target, List<String> headers,
                                 long length, BodyWriter writer) {
        try (Socket socket = new Socket()) {
            if (sourceAddress != null) {
                socket.bind(new InetSocketAddress(sourceAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            boolean hasHost = false;
            for (int i = 0; i < headers.size(); i += 2) {
                hasHost |= headers.get(i).equalsIgnoreCase("Host");
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            if (!hasHost) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            head.append("Connection: close\r\n");
            if (writer != null) {
                head.append(length >= 0 ? "Content-Length: " + length : "Transfer-Encoding: chunked").append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (writer != null) {
                if (length >= 0) {
                    writer.write(out);
                } else {
                    ChunkedOutput chunked = new ChunkedOutput(out);
                    writer.write(chunked);
                    chunked.finish();
                }
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a persistent connection: requests written on it in one go arrive together (HTTP/1.1 pipelining), and
     * responses are read one by one, each within {@code readTimeout}.
     */
    public static KeepAlive keepAlive(int port, Duration readTimeout) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new KeepAlive(port, socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A persistent connection opened by {@link #keepAlive}. */
    public static final class KeepAlive implements AutoCloseable {

        private final int port;
        private final Socket socket;
        private final InputStream in;

        private KeepAlive(int port, Socket socket) throws IOException {
            this.port = port;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        /** Writes a GET without a body for each target, all in one write. */
        public void get(String... targets) {
            StringBuilder requests = new StringBuilder();
            for (String target : targets) {
                requests.append("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                        .append("\r\n\r\n");
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes {@code requests} (request lines, headers and bodies, as they are) in one write. */
        public void write(String requests) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** True when the server has closed the connection (no further byte arrives within the timeout). */
        public boolean closedByServer() {
            try {
                return in.read() == -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the next response (null once the server has closed); a read slower than the timeout fails. */
        public Response read() {
            try {
                in.mark(1);
                if (in.read() == -1) {
                    return null;
                }
                in.reset();
                return RawHttp.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                buffer.write(in.readNBytes(size));
                line(in);
            }
            body = buffer.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Frames what is written as HTTP/1.1 chunks. */
    private static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(b, off, len);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }

        void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
