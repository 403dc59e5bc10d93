import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Constant-rate HTTP/1.1 load generator for bench/run.sh (scenario 2: latency at a fixed request rate). Debian has
 * no wrk2; this does what matters of it: requests are due at fixed intervals (open loop), sent on keep-alive
 * connections (one request in flight per connection, no pipelining), and each latency is measured from the time
 * the request was <em>due</em>, not from when a connection became free, so a stalled proxy shows up in the
 * percentiles instead of silently lowering the rate (no coordinated omission).
 *
 * <pre>java bench/load/FixedRate.java url=http://127.0.0.1:PORT/path rate=5000 duration=15 warmup=5
 *     connections=64 [header='X-API-Key: gwk_...']</pre>
 * One thread and one selector: fine for 5,000 req/s on one core. Prints key=value lines: the rate achieved,
 * p50/p90/p99/p99.9/max in ms over the measured part (after {@code warmup} seconds), requests that were not 2xx,
 * connection errors and requests unanswered at the end (still waiting to be sent or in flight 2 s after the
 * last was due); {@code saturated=true} when fewer than 99 % of the requests due in the measured part were
 * answered, i.e. the target cannot sustain the rate and its percentiles cover only what it answered.
 */
public final class FixedRate {

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long dueNanos = -1; // the request in flight: when it was due; -1 = idle
        boolean measured;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        URI url = URI.create(o.get("url"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "5000"));
        double duration = Double.parseDouble(o.getOrDefault("duration", "15"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "5"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        String header = o.getOrDefault("header", "");
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + (header.isEmpty() ? "" : header + "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());

        Selector selector = Selector.open();
        ArrayDeque<Conn> idle = new ArrayDeque<>();
        for (int i = 0; i < connections; i++) {
            idle.add(open(selector, address));
        }
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        long[] latencies = new long[(int) (rate * duration * 1.1) + 1024];
        int count = 0;
        long non2xx = 0;
        long connErrors = 0;
        long sent = 0;
        long dueMeasured = 0;
        ArrayDeque<Long> backlog = new ArrayDeque<>(); // due but no idle connection yet
        long nextDue = start;
        ByteBuffer out = ByteBuffer.wrap(request);
        while (true) {
            long now = System.nanoTime();
            while (nextDue <= now && nextDue < end) {
                if (nextDue >= measureFrom) {
                    dueMeasured++;
                }
                backlog.add(nextDue);
                nextDue += intervalNanos;
            }
            while (!backlog.isEmpty() && !idle.isEmpty()) {
                Conn c = idle.poll();
                long due = backlog.poll();
                out.rewind();
                try {
                    while (out.hasRemaining()) {
                        c.channel.write(out); // 100 bytes on an idle keep-alive socket: never blocks in practice
                    }
                    c.dueNanos = due;
                    c.measured = due >= measureFrom;
                    sent++;
                } catch (IOException e) {
                    connErrors++;
                    close(c);
                    idle.add(open(selector, address));
                    backlog.addFirst(due);
                }
            }
            if (nextDue >= end && backlog.isEmpty() && inFlight(selector) == 0) {
                break;
            }
            if (now > end + 2_000_000_000L) {
                break; // unanswered requests after a 2 s grace are counted below
            }
            long waitNanos = nextDue < end ? nextDue - System.nanoTime() : 10_000_000L;
            if (waitNanos > 0) {
                selector.select(Math.max(1, waitNanos / 1_000_000));
            } else {
                selector.selectNow();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Conn c = (Conn) key.attachment();
                int status;
                try {
                    status = read(c);
                } catch (IOException e) {
                    status = -2;
                }
                if (status == 0) {
                    continue; // response not complete yet
                }
                long done = System.nanoTime();
                if (status < 0) {
                    if (c.dueNanos >= 0) {
                        connErrors++;
                    }
                    close(c);
                    idle.add(open(selector, address));
                    continue;
                }
                if (c.measured && count < latencies.length) {
                    latencies[count++] = done - c.dueNanos;
                    if (status < 200 || status > 299) {
                        non2xx++;
                    }
                }
                c.dueNanos = -1;
                idle.add(c);
            }
            selector.selectedKeys().clear();
        }
        long unanswered = inFlight(selector) + backlog.size();
        long[] l = Arrays.copyOf(latencies, count);
        Arrays.sort(l);
        System.out.printf(Locale.ROOT, "target_rate=%.0f%n", rate);
        System.out.printf(Locale.ROOT, "achieved_rate=%.1f%n", count / duration);
        System.out.printf(Locale.ROOT, "measured=%d%n", count);
        System.out.printf(Locale.ROOT, "due=%d%n", dueMeasured);
        // a target that cannot keep up with the rate leaves requests unanswered: its percentiles describe only
        // the requests it did answer, so say so
        System.out.printf(Locale.ROOT, "saturated=%s%n", count < 0.99 * dueMeasured);
        System.out.printf(Locale.ROOT, "p50_ms=%.3f%np90_ms=%.3f%np99_ms=%.3f%np999_ms=%.3f%nmax_ms=%.3f%n",
                pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 99.9), l.length == 0 ? 0 : l[l.length - 1] / 1e6);
        System.out.printf("non2xx=%d%nconnection_errors=%d%nunanswered=%d%nsent=%d%n", non2xx, connErrors,
                unanswered, sent);
        System.exit(0);
    }

    private static long inFlight(Selector selector) {
        long n = 0;
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && ((Conn) key.attachment()).dueNanos >= 0) {
                n++;
            }
        }
        return n;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static Conn open(Selector selector, InetSocketAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open(address);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(ch);
        ch.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    private static void close(Conn c) {
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing a broken connection
        }
    }

    /** Reads what arrived: 0 = response incomplete, >0 = its status (buffer reset), -1 = closed. */
    private static int read(Conn c) throws IOException {
        int n = c.channel.read(c.in);
        if (n < 0) {
            return -1;
        }
        byte[] a = c.in.array();
        int len = c.in.position();
        int headerEnd = indexOf(a, len, 0, "\r\n\r\n");
        if (headerEnd < 0) {
            if (!c.in.hasRemaining()) {
                throw new IOException("response header too large");
            }
            return 0;
        }
        String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        int bodyStart = headerEnd + 4;
        int cl = lower.indexOf("\r\ncontent-length:");
        int complete;
        if (cl >= 0) {
            int eol = lower.indexOf("\r\n", cl + 2);
            long length = Long.parseLong(lower.substring(cl + 17, eol < 0 ? lower.length() : eol).trim());
            complete = len >= bodyStart + length ? 1 : 0;
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            complete = indexOf(a, len, bodyStart, "0\r\n\r\n") >= 0 ? 1 : 0;
        } else {
            complete = 1; // no body (e.g. 204/304)
        }
        if (complete == 0) {
            if (!c.in.hasRemaining()) {
                throw new IOException("response too large");
            }
            return 0;
        }
        c.in.clear();
        return status;
    }

    private static int indexOf(byte[] a, int len, int from, String s) {
        outer:
        for (int i = from; i <= len - s.length(); i++) {
            for (int j = 0; j < s.length(); j++) {
                if (a[i + j] != s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
