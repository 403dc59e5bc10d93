import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Constant-rate HTTP/1.1 load generator for bench/run.sh (scenario 2: latency at a fixed request rate). Debian has
 * no wrk2; this does what matters of it: requests are due at fixed intervals (open loop), sent on keep-alive
 * connections (one request in flight per connection, no pipelining), and each latency is measured from the time
 * the request was <em>due</em>, not from when it was sent or a connection became free, so a stalled proxy shows up
 * in the percentiles instead of silently lowering the rate (no coordinated omission).
 *
 * <pre>java bench/load/FixedRate.java url=http://127.0.0.1:PORT/path rate=5000 duration=15 warmup=5
 *     connections=64 [header='X-API-Key: gwk_...'] [realtime=10]</pre>
 *
 * <p>Two threads, so that neither timing depends on the other: a sender that sleeps until the next request is due
 * ({@code LockSupport.parkNanos}: sub-millisecond, without spinning, which would steal the core from the upstream
 * that shares it) and writes it on an idle connection, and a receiver blocked in a selector that timestamps each
 * response when it is complete. (The first version waited in {@code Selector.select(ms)}, whose 1 ms granularity
 * sent requests in bursts of five at 5,000 req/s and timed responses late by up to 1 ms.) The generator checks
 * itself: {@code send_lag_*} is how late requests were written after they were due (a generator that cannot hold
 * the rate shows it there first), and bench/run.sh runs it against nginx's static response before any proxy.
 * The parser allocates nothing per response, so the generator's own GC does not stall it. On a shared core, pass
 * {@code realtime=10}: the sender and receiver threads (only those: not the JVM's compiler threads, which would
 * then hold the core for a whole compilation) run SCHED_FIFO at that priority via {@code chrt}, so they wake on
 * time instead of behind whatever else the core runs; they sleep or block between requests, so they take little.
 *
 * <p>Prints key=value lines: the rate achieved, p50/p90/p99/p99.9/max in ms over the measured part (after
 * {@code warmup} seconds), requests that were not 2xx, connection errors, requests unanswered at the end (still
 * waiting to be sent or in flight 2 s after the last was due), the send lag; {@code saturated=true} when fewer
 * than 99 % of the requests due in the measured part were answered, i.e. the target cannot sustain the rate and
 * its percentiles cover only what it answered; {@code scheduling} says whether the threads ran real-time.
 */
public final class FixedRate {

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CHUNKED = "\r\ntransfer-encoding: chunked".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer out;
        volatile long dueNanos = -1; // the request in flight: when it was due; -1 = idle
        volatile boolean measured;

        Conn(SocketChannel channel, byte[] request) {
            this.channel = channel;
            this.out = ByteBuffer.wrap(request);
        }
    }

    private final InetSocketAddress address;
    private final byte[] request;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Conn> toRegister = new ConcurrentLinkedQueue<>();
    private final AtomicLong connErrors = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final long[] latencies;
    private int count; // receiver thread only
    private long non2xx; // receiver thread only
    private final long[] lags; // sender thread only, like the counters below
    private int lagCount;
    private long dueMeasured;
    private long sent;
    private int waiting; // due but never sent, when the sender stopped
    private volatile boolean senderDone;

    private FixedRate(InetSocketAddress address, byte[] request, int capacity) throws IOException {
        this.address = address;
        this.request = request;
        this.selector = Selector.open();
        this.latencies = new long[capacity];
        this.lags = new long[capacity];
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        URI url = URI.create(o.get("url"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "5000"));
        double duration = Double.parseDouble(o.getOrDefault("duration", "15"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "5"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        String header = o.getOrDefault("header", "");
        String realtime = o.getOrDefault("realtime", "");
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + (header.isEmpty() ? "" : header + "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        int capacity = (int) (rate * duration * 1.1) + 1024;
        FixedRate run = new FixedRate(new InetSocketAddress(url.getHost(), url.getPort()), request, capacity);
        for (int i = 0; i < connections; i++) {
            run.idle.add(run.open());
        }
        run.registerPending();

        // both threads wait for the go, so that they exist (and can be made real-time) before the clock starts
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[3]; // start, measureFrom, end: set before the go
        Thread receiver = new Thread(() -> {
            await(go);
            run.receive(window[2] + 2_000_000_000L);
        }, "fr-receiver");
        Thread sender = new Thread(() -> {
            await(go);
            run.send((long) (1e9 / rate), window[0], window[1], window[2]);
        }, "fr-sender");
        receiver.setDaemon(true);
        receiver.start();
        sender.start();
        String scheduling = realtime.isEmpty() ? "normal" : realtime("fr-sender", "fr-receiver", realtime);
        window[0] = System.nanoTime() + 20_000_000L;
        window[1] = window[0] + (long) (warmup * 1e9);
        window[2] = window[1] + (long) (duration * 1e9);
        go.countDown();
        sender.join();
        receiver.join(); // the receiver stops when nothing is in flight, or 2 s after the last request was due
        long unanswered = run.inFlight.get() + run.waiting;

        long[] l = Arrays.copyOf(run.latencies, run.count);
        Arrays.sort(l);
        long[] lag = Arrays.copyOf(run.lags, run.lagCount);
        Arrays.sort(lag);
        System.out.printf(Locale.ROOT, "target_rate=%.0f%n", rate);
        System.out.printf(Locale.ROOT, "achieved_rate=%.1f%n", run.count / duration);
        System.out.printf(Locale.ROOT, "measured=%d%n", run.count);
        System.out.printf(Locale.ROOT, "due=%d%n", run.dueMeasured);
        // a target that cannot keep up with the rate leaves requests unanswered: its percentiles describe only
        // the requests it did answer, so say so
        System.out.printf(Locale.ROOT, "saturated=%s%n", run.count < 0.99 * run.dueMeasured);
        System.out.printf(Locale.ROOT, "p50_ms=%.3f%np90_ms=%.3f%np99_ms=%.3f%np999_ms=%.3f%nmax_ms=%.3f%n",
                pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 99.9), l.length == 0 ? 0 : l[l.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "send_lag_p50_ms=%.3f%nsend_lag_p99_ms=%.3f%nsend_lag_max_ms=%.3f%n",
                pct(lag, 50), pct(lag, 99), lag.length == 0 ? 0 : lag[lag.length - 1] / 1e6);
        System.out.printf("non2xx=%d%nconnection_errors=%d%nunanswered=%d%nsent=%d%n", run.non2xx,
                run.connErrors.get(), unanswered, run.sent);
        System.out.printf("scheduling=%s%n", scheduling);
        System.exit(0);
    }

    /**
     * Sender thread: requests fall due every {@code intervalNanos}; each is written on an idle connection as soon as
     * there is one (a request without one waits, and its latency keeps counting from when it was due).
     */
    private void send(long intervalNanos, long start, long measureFrom, long end) {
        long[] ring = new long[1 << 20]; // requests due but without an idle connection yet (FIFO of due times)
        int head = 0;
        int size = 0;
        long nextDue = start;
        while (true) {
            long now = System.nanoTime();
            while (nextDue <= now && nextDue < end) {
                if (nextDue >= measureFrom) {
                    dueMeasured++;
                }
                if (size == ring.length) {
                    throw new IllegalStateException("more than " + ring.length + " requests waiting: target stalled");
                }
                ring[(head + size++) & (ring.length - 1)] = nextDue;
                nextDue += intervalNanos;
            }
            Conn c;
            while (size > 0 && (c = idle.poll()) != null) {
                long due = ring[head];
                c.dueNanos = due;
                c.measured = due >= measureFrom;
                inFlight.incrementAndGet();
                if (write(c)) {
                    head = (head + 1) & (ring.length - 1);
                    size--;
                    sent++;
                    if (due >= measureFrom && lagCount < lags.length) {
                        lags[lagCount++] = System.nanoTime() - due;
                    }
                } else {
                    inFlight.decrementAndGet(); // broken connection replaced: the request stays due
                }
            }
            now = System.nanoTime();
            if ((nextDue >= end && size == 0) || now > end + 2_000_000_000L) {
                break; // all sent, or a 2 s grace is over: what was never sent is counted as unanswered
            }
            // sleep until the next request is due; while requests wait for a connection, look again soon
            long wait = nextDue < end ? nextDue - now : 1_000_000L;
            if (size > 0) {
                wait = Math.min(wait, 20_000L);
            }
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        waiting = size;
        senderDone = true;
    }

    /**
     * Makes the named threads of this JVM real-time ({@code chrt -f -p PRIORITY TID}): only the sender and the
     * receiver, which sleep or block between requests; the JVM's compiler and GC threads stay normal, so a long
     * compilation cannot take the core from the upstream that shares it. Returns what was done, for the report.
     */
    private static String realtime(String senderName, String receiverName, String priority) {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            int done = 0;
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue;
                }
                if (comm.equals(senderName) || comm.equals(receiverName)) {
                    Process chrt = new ProcessBuilder("chrt", "-f", "-p", priority, task.getFileName().toString())
                            .redirectErrorStream(true).start();
                    String out = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    if (chrt.waitFor() != 0) {
                        return "normal (chrt failed: " + out.replace('\n', ' ') + ")";
                    }
                    done++;
                }
            }
            return done == 2 ? "SCHED_FIFO " + priority + " (sender and receiver threads)" : "normal (threads not found)";
        } catch (IOException e) {
            return "normal (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "normal (interrupted)";
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the request; on failure replaces the connection and returns false. */
    private boolean write(Conn c) {
        c.out.rewind();
        try {
            while (c.out.hasRemaining()) {
                c.channel.write(c.out); // 100 bytes on an idle keep-alive socket: never blocks in practice
            }
            return true;
        } catch (IOException e) {
            connErrors.incrementAndGet();
            c.dueNanos = -1;
            close(c);
            replace();
            return false;
        }
    }

    /** Receiver thread: completes responses, times them, hands their connections back to the sender. */
    private void receive(long deadline) {
        try {
            while (!(senderDone && inFlight.get() == 0) && System.nanoTime() < deadline) {
                registerPending();
                selector.select(10);
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
                    long due = c.dueNanos;
                    if (status < 0) {
                        if (due >= 0) {
                            connErrors.incrementAndGet();
                            inFlight.decrementAndGet();
                        }
                        close(c);
                        replace();
                        continue;
                    }
                    if (due < 0) {
                        continue; // an answer without a request (cannot happen with a sane server): ignore
                    }
                    if (c.measured && count < latencies.length) {
                        latencies[count++] = done - due;
                        if (status < 200 || status > 299) {
                            non2xx++;
                        }
                    }
                    c.dueNanos = -1;
                    inFlight.decrementAndGet();
                    idle.add(c);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void replace() {
        try {
            idle.add(open());
            selector.wakeup();
        } catch (IOException e) {
            connErrors.incrementAndGet(); // the target is gone: fewer connections from now on
        }
    }

    /** Opens a connection; the receiver registers it with its selector before its next select. */
    private Conn open() throws IOException {
        SocketChannel ch = SocketChannel.open(address);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(ch, request);
        toRegister.add(c);
        return c;
    }

    private void registerPending() throws IOException {
        Conn c;
        while ((c = toRegister.poll()) != null) {
            c.channel.register(selector, SelectionKey.OP_READ, c);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static void close(Conn c) {
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing a broken connection
        }
    }

    /** Reads what arrived: 0 = response incomplete, >0 = its status (buffer reset), -1 = closed. No allocation. */
    private static int read(Conn c) throws IOException {
        int n = c.channel.read(c.in);
        if (n < 0) {
            return -1;
        }
        byte[] a = c.in.array();
        int len = c.in.position();
        int headerEnd = indexOf(a, 0, len, HEADER_END, false);
        if (headerEnd < 0) {
            if (!c.in.hasRemaining()) {
                throw new IOException("response header too large");
            }
            return 0;
        }
        if (headerEnd < 12) {
            throw new IOException("not an HTTP/1.1 response");
        }
        int status = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
        int bodyStart = headerEnd + 4;
        boolean complete;
        int cl = indexOf(a, 0, headerEnd + 2, CONTENT_LENGTH, true);
        if (cl >= 0) {
            int i = cl + CONTENT_LENGTH.length;
            while (a[i] == ' ') {
                i++;
            }
            long length = 0;
            while (a[i] >= '0' && a[i] <= '9') {
                length = length * 10 + (a[i++] - '0');
            }
            complete = len >= bodyStart + length;
        } else if (indexOf(a, 0, headerEnd + 2, CHUNKED, true) >= 0) {
            complete = indexOf(a, bodyStart, len, LAST_CHUNK, false) >= 0;
        } else {
            complete = true; // no body (e.g. 204/304)
        }
        if (!complete) {
            if (!c.in.hasRemaining()) {
                throw new IOException("response too large");
            }
            return 0;
        }
        c.in.clear();
        return status;
    }

    /** First index of {@code s} in {@code a[from, to)}, ASCII case-insensitively if asked; -1 if absent. */
    private static int indexOf(byte[] a, int from, int to, byte[] s, boolean ignoreCase) {
        outer:
        for (int i = from; i <= to - s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                byte b = a[i + j];
                if (ignoreCase && b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != s[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
