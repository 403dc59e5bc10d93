import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 5 of bench/run.sh: configuration propagation from the admin API to every node, measured from outside.
 *
 * <pre>java bench/propagation/PropagationBench.java admin=http://127.0.0.1:PORT token=ADMIN_TOKEN service=NAME
 *     nodes=http://127.0.0.1:P1,http://127.0.0.1:P2 changes=100 [timeout-ms=10000]</pre>
 * Makes {@code changes} configuration changes, one at a time: the first half create a route
 * {@code /prop-<run>/<i>} (auth none) to {@code service}, the second half delete them again, so the configuration
 * ends as it started. Each change is timed from just before the API call until every node answers the route's path
 * with the new outcome (200 from the upstream after a create, 404 {@code no_route} after a delete); the nodes are
 * polled in turn over keep-alive connections with 1 ms pauses. Prints key=value lines: median, p90 and worst over
 * all changes (the slower node of each change), the same for the API call alone, and every value.
 */
public final class PropagationBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String admin = o.get("admin");
        String token = o.get("token");
        String service = o.get("service");
        String[] nodes = o.get("nodes").split(",");
        int changes = Integer.parseInt(o.getOrDefault("changes", "100"));
        long timeoutMs = Long.parseLong(o.getOrDefault("timeout-ms", "10000"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        int creates = changes / 2;
        // warm-up: one create and delete, not counted
        change(admin, token, "POST", "/api/v1/routes", route(run, "warm", service));
        await(nodes, "/prop-" + run + "/warm/x", 200, timeoutMs);
        change(admin, token, "DELETE", "/api/v1/routes/prop-" + run + "-warm", null);
        await(nodes, "/prop-" + run + "/warm/x", 404, timeoutMs);

        List<Double> total = new ArrayList<>();
        List<Double> api = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            boolean create = i < creates;
            int n = create ? i : i - creates;
            long start = System.nanoTime();
            if (create) {
                change(admin, token, "POST", "/api/v1/routes", route(run, String.valueOf(n), service));
            } else {
                change(admin, token, "DELETE", "/api/v1/routes/prop-" + run + "-" + n, null);
            }
            api.add((System.nanoTime() - start) / 1e6);
            await(nodes, "/prop-" + run + "/" + n + "/x", create ? 200 : 404, timeoutMs);
            total.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(20);
        }
        print("propagation", total);
        print("api", api);
        StringBuilder all = new StringBuilder();
        for (double v : total) {
            all.append(all.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", v));
        }
        System.out.println("changes=" + changes);
        System.out.println("nodes=" + nodes.length);
        System.out.println("propagation_all_ms=" + all);
    }

    private static String route(String run, String n, String service) {
        return "{\"name\":\"prop-" + run + "-" + n + "\",\"service\":\"" + service + "\",\"paths\":[\"/prop-" + run
                + "/" + n + "\"],\"auth\":\"none\"}";
    }

    private static void change(String admin, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void await(String[] nodes, String path, int status, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        boolean[] done = new boolean[nodes.length];
        int left = nodes.length;
        while (left > 0) {
            for (int i = 0; i < nodes.length; i++) {
                if (!done[i]) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(nodes[i] + path))
                            .timeout(Duration.ofSeconds(5)).GET().build();
                    if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                        done[i] = true;
                        left--;
                    }
                }
            }
            if (left > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no node-wide " + status + " for " + path + " within "
                            + timeoutMs + " ms");
                }
                Thread.sleep(1);
            }
        }
    }

    private static void print(String name, List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s_median_ms=%.1f%n%s_p90_ms=%.1f%n%s_worst_ms=%.1f%n", name,
                v[(v.length - 1) / 2], name, v[(int) Math.ceil(0.9 * v.length) - 1], name, v[v.length - 1]);
    }
}
