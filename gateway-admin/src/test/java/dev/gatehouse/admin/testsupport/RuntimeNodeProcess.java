package dev.gatehouse.admin.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A Gatehouse runtime node started from the packaged runtime jar as a separate JVM, the way operators run it.
 * End-to-end tests use it so that admin and nodes share nothing but the network, as in production. Tests wait on
 * what it shows from outside: its readiness, its metrics ({@link #metric}) and its log ({@link #output}).
 */
public final class RuntimeNodeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String nodeId;
    private final String adminUrl;
    private final String clusterToken;
    private final Path dataDir;
    private final int proxyPort;
    private final int managementPort;
    private Process process;
    private Map<String, String> extraEnv = Map.of();
    /** Where this launch's output starts in the log file (earlier runs and launches append to the same file). */
    private long logStart;

    private RuntimeNodeProcess(String nodeId, String adminUrl, String clusterToken, Path dataDir) {
        this.nodeId = nodeId;
        this.adminUrl = adminUrl;
        this.clusterToken = clusterToken;
        this.dataDir = dataDir;
        int proxy = freePort();
        int management = freePort();
        while (management == proxy) {
            // two probes in a row may be given the same port; a node on one port for both does not start
            management = freePort();
        }
        this.proxyPort = proxy;
        this.managementPort = management;
    }

    /** Starts a node with a fresh data directory and does not wait for it to be ready. */
    public static RuntimeNodeProcess start(String nodeId, String adminUrl, String clusterToken) {
        return start(nodeId, adminUrl, clusterToken, Map.of());
    }

    /** As {@link #start(String, String, String)}, with more environment variables (e.g. the Redis to count in). */
    public static RuntimeNodeProcess start(String nodeId, String adminUrl, String clusterToken,
                                           Map<String, String> extraEnv) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-" + nodeId + "-");
            RuntimeNodeProcess node = new RuntimeNodeProcess(nodeId, adminUrl, clusterToken, dir);
            node.extraEnv = Map.copyOf(extraEnv);
            node.launch();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a node with a random id against an admin. */
    public static RuntimeNodeProcess start(String adminUrl, String clusterToken) {
        return start("node-" + Long.toHexString(System.nanoTime()), adminUrl, clusterToken);
    }

    /** The runtime jar built by the reactor; failsafe passes its path, a module-relative guess covers IDE runs. */
    static Path runtimeJar() {
        String configured = System.getProperty("gatehouse.runtime.jar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of("..", "gateway-runtime", "target", "gateway-runtime-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("runtime jar not found at " + jar.toAbsolutePath()
                    + "; build it first with ./mvnw -pl gateway-runtime -am package");
        }
        return jar.toAbsolutePath();
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", runtimeJar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("GATEHOUSE_ADMIN_URL", adminUrl);
        env.put("GATEHOUSE_CLUSTER_TOKEN", clusterToken);
        env.put("GATEHOUSE_NODE_ID", nodeId);
        env.put("GATEHOUSE_NODE_DATA_DIR", dataDir.toString());
        env.put("GATEHOUSE_NODE_ADDRESS", "127.0.0.1:" + proxyPort);
        env.put("SERVER_PORT", Integer.toString(proxyPort));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        // End-to-end tests poll with refused credentials from one address on purpose; the brute-force limiter
        // (tested on its own in the runtime module) would answer 429 to them after 20 failures.
        env.put("GATEHOUSE_AUTH_BRUTE_FORCE_MAX_FAILURES", "1000000");
        env.putAll(extraEnv);
        try {
            Files.createDirectories(logFile().getParent());
            logStart = Files.exists(logFile()) ? Files.size(logFile()) : 0;
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the node's readiness endpoint answers 200; fails at once if the node exits meanwhile. */
    public RuntimeNodeProcess awaitReady(Duration timeout) {
        Awaitility.await("node " + nodeId + " ready (see " + logFile() + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("node " + nodeId + " exited with " + process.exitValue()
                                + "; see " + logFile());
                    }
                    return readinessStatus() == 200;
                });
        return this;
    }

    /** What the node has written to its log since it was last (re)started. */
    public String output() {
        try {
            byte[] log = Files.readAllBytes(logFile());
            int from = (int) Math.min(logStart, log.length);
            return new String(log, from, log.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sum of a metric's samples on the node's Prometheus endpoint (such as
     * {@code gatehouse_calllog_spool_batches}), or NaN when the endpoint does not answer or has no such metric.
     */
    public double metric(String name) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build();
        String body;
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            body = response.body();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        Matcher sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(body);
        double sum = 0;
        boolean found = false;
        while (sample.find()) {
            sum += Double.parseDouble(sample.group(2));
            found = true;
        }
        return found ? sum : Double.NaN;
    }

    private Path logFile() {
        return Path.of("target", "node-logs", nodeId + ".log");
    }

    /** HTTP status of the readiness endpoint, or -1 when it does not answer. */
    public int readinessStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the node (SIGTERM, then SIGKILL after 10 s) and keeps its data directory. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node and starts it again on the same ports with the same data directory. */
    public RuntimeNodeProcess restart() {
        stop();
        launch();
        return this;
    }

    public String nodeId() {
        return nodeId;
    }

    public int proxyPort() {
        return proxyPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Base URL of the proxy port, such as {@code http://127.0.0.1:41234}. */
    public String proxyUrl() {
        return "http://127.0.0.1:" + proxyPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
