import dev.gatehouse.config.ApiKeyFormat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timing part of bench/keys/run.sh (issue 3): one-key propagation to a runtime node, measured from outside.
 *
 * <p>Run with the JDK source launcher and the contract jar on the class path (for {@link ApiKeyFormat}):
 * <pre>java -cp gateway-config/target/gateway-config-0.1.0-SNAPSHOT.jar bench/keys/KeyBench.java key=value...</pre>
 * Arguments: {@code admin=http://127.0.0.1:PORT token=ADMIN_TOKEN consumer=NAME proxy=http://127.0.0.1:PORT/path
 * rounds=20 timeout-ms=30000 out=FILE}.
 *
 * <ol>
 *   <li>Checks that the node refuses a call without a key, with a malformed key and with a well-formed key
 *       (valid checksum) that was never issued: all three must be 401.</li>
 *   <li>One warm-up round (issue, poll until 200, revoke, poll until 401), not counted.</li>
 *   <li>{@code rounds} times: sends {@code POST /api/v1/consumers/{c}/keys}, then polls the node's proxy port
 *       with the new key until it answers 200. Time is taken from just before the POST is sent (so it includes
 *       the admin's API call and commit) to the first 200.</li>
 *   <li>Revokes each of those keys ({@code DELETE}) and polls until 401, timed the same way.</li>
 * </ol>
 * Also reports the admin API call alone ({@code *_api}) and what remains after it answered
 * ({@code *_after_api}: the push to the node, the apply, and the 1 ms polling granularity).
 * Polls reuse one keep-alive HTTP/1.1 connection and pause 1 ms between attempts. Writes {@code key=value}
 * lines to {@code out} (and to stdout); exits non-zero when a check fails or a wait times out.
 */
public final class KeyBench {

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final long PAUSE_BETWEEN_ROUNDS_MS = 250;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String admin;
    private final String token;
    private final String consumer;
    private final URI proxy;
    private final long timeoutMs;
    /** Statuses seen while polling that were neither the old nor the awaited one (should stay empty). */
    private final Map<Integer, Integer> unexpected = new TreeMap<>();
    private long polls;

    private KeyBench(Map<String, String> o) {
        this.admin = require(o, "admin");
        this.token = require(o, "token");
        this.consumer = require(o, "consumer");
        this.proxy = URI.create(require(o, "proxy"));
        this.timeoutMs = Long.parseLong(o.getOrDefault("timeout-ms", "30000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "20"));
        Path out = Path.of(require(o, "out"));
        KeyBench bench = new KeyBench(o);
        List<String> lines = new ArrayList<>();
        boolean ok = bench.run(rounds, lines);
        Files.write(out, lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int rounds, List<String> out) throws Exception {
        boolean ok = true;
        // Warm up the client (class loading, connection) with calls that carry no key.
        for (int i = 0; i < 20; i++) {
            status(null);
        }
        int noKey = status(null);
        int malformed = status("gwk_not-a-key");
        String neverIssued = ApiKeyFormat.generate(new SecureRandom());
        int never = status(neverIssued);
        out.add("check_no_key_status=" + noKey);
        out.add("check_malformed_key_status=" + malformed);
        out.add("check_never_issued_key_status=" + never);
        if (noKey != 401 || malformed != 401 || never != 401) {
            out.add("error=a call without a valid key was not refused with 401");
            ok = false;
        }

        // Warm-up round: the admin's issue/revoke path and the node's apply path run once before timing.
        Issued warm = issue();
        double warmIssue = pollUntil(warm.key, 200, warm.sentNanos);
        long t = System.nanoTime();
        revoke(warm.id);
        double warmRevoke = pollUntil(warm.key, 401, t);
        out.add(String.format(Locale.ROOT, "warmup_issue_ms=%.1f", warmIssue));
        out.add(String.format(Locale.ROOT, "warmup_revoke_ms=%.1f", warmRevoke));

        double[] issueApi = new double[rounds];
        double[] issueWorks = new double[rounds];
        List<Issued> issued = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Thread.sleep(PAUSE_BETWEEN_ROUNDS_MS);
            Issued key = issue();
            issueApi[i] = key.apiMillis;
            issueWorks[i] = pollUntil(key.key, 200, key.sentNanos);
            issued.add(key);
        }
        double[] revokeApi = new double[rounds];
        double[] revokeRefused = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            Thread.sleep(PAUSE_BETWEEN_ROUNDS_MS);
            long sent = System.nanoTime();
            revoke(issued.get(i).id);
            revokeApi[i] = (System.nanoTime() - sent) / 1e6;
            revokeRefused[i] = pollUntil(issued.get(i).key, 401, sent);
        }
        // The key that was never issued is still refused after all of this.
        int neverAfter = status(neverIssued);
        out.add("check_never_issued_key_status_after=" + neverAfter);
        if (neverAfter != 401) {
            out.add("error=a key that was never issued was not refused with 401 after the rounds");
            ok = false;
        }
        out.add("rounds=" + rounds);
        double[] issueNode = new double[rounds];
        double[] revokeNode = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            issueNode[i] = issueWorks[i] - issueApi[i];
            revokeNode[i] = revokeRefused[i] - revokeApi[i];
        }
        summarize(out, "issue_api", issueApi);
        summarize(out, "issue_works", issueWorks);
        summarize(out, "revoke_api", revokeApi);
        summarize(out, "revoke_refused", revokeRefused);
        // What remains after the admin answered: push to the node, apply, and the polling granularity.
        summarize(out, "issue_after_api", issueNode);
        summarize(out, "revoke_after_api", revokeNode);
        out.add("polls=" + polls);
        out.add("unexpected_statuses=" + (unexpected.isEmpty() ? "none" : unexpected.toString().replace(' ', ',')));
        return ok;
    }

    private record Issued(String id, String key, long sentNanos, double apiMillis) {
    }

    private Issued issue() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + "/api/v1/consumers/" + consumer + "/keys"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(timeoutMs))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long sent = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double api = (System.nanoTime() - sent) / 1e6;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issuing a key answered " + response.statusCode() + ": "
                    + response.body());
        }
        return new Issued(field(ID, response.body()), field(KEY, response.body()), sent, api);
    }

    private void revoke(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(admin + "/api/v1/consumers/" + consumer + "/keys/" + id))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMillis(timeoutMs))
                .DELETE()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("revoking key " + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Polls until the node answers {@code want} for the key; milliseconds since {@code fromNanos}. */
    private double pollUntil(String key, int want, long fromNanos) throws IOException, InterruptedException {
        int before = want == 200 ? 401 : 200;
        long deadline = fromNanos + timeoutMs * 1_000_000L;
        while (true) {
            int status = status(key);
            long now = System.nanoTime();
            if (status == want) {
                return (now - fromNanos) / 1e6;
            }
            if (status != before) {
                unexpected.merge(status, 1, Integer::sum);
            }
            if (now > deadline) {
                throw new IllegalStateException("the node did not answer " + want + " within " + timeoutMs
                        + " ms (last status " + status + ")");
            }
            Thread.sleep(1);
        }
    }

    /** Status of a GET through the node's proxy port with the key in X-API-Key (none when null). */
    private int status(String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy).timeout(Duration.ofSeconds(10)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        polls++;
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void summarize(List<String> out, String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double p90 = sorted[Math.max(0, (int) Math.ceil(0.9 * n) - 1)];
        out.add(String.format(Locale.ROOT, "%s_median_ms=%.1f", name, median));
        out.add(String.format(Locale.ROOT, "%s_p90_ms=%.1f", name, p90));
        out.add(String.format(Locale.ROOT, "%s_worst_ms=%.1f", name, sorted[n - 1]));
        out.add(String.format(Locale.ROOT, "%s_best_ms=%.1f", name, sorted[0]));
        StringBuilder all = new StringBuilder();
        for (double v : values) {
            all.append(all.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", v));
        }
        out.add(name + "_all_ms=" + all);
    }

    private static String field(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body.replaceAll("gwk_\\w+", "gwk_…"));
        }
        return m.group(1);
    }

    private static String require(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + name + "=...");
        }
        return value;
    }
}
