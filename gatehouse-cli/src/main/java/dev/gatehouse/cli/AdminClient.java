package dev.gatehouse.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Calls the admin's REST API with {@code Authorization: Bearer <token>} and the JDK's HTTP client. Redirects are
 * not followed (the token would go along); each call is bounded by the timeout. Network and TLS failures become
 * {@link CliException}s that say what happened and where, never showing the token.
 */
final class AdminClient {

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final String userAgent;

    /**
     * @param base    the admin's base URL ({@link AdminUrl#parse}), without a trailing slash
     * @param ssl     the TLS context for an https URL, or null for the JDK's default trust store
     */
    AdminClient(URI base, String token, Duration timeout, SSLContext ssl) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (base.getScheme().equals("http")) {
            // no "Upgrade: h2c" on plain http: some reverse proxies refuse or mangle such requests
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.userAgent = "gatehouse-cli/" + VersionProvider.version();
    }

    /** A GET; an unsuccessful answer is a {@link CliException} ({@link Problems}). */
    Answer get(String path, Map<String, String> query, String accept) {
        return successful(send(request(path, query, accept).GET().build()));
    }

    /** A POST of {@code body} as {@code contentType}; an unsuccessful answer is a {@link CliException}. */
    Answer post(String path, Map<String, String> query, String contentType, byte[] body) {
        return successful(send(request(path, query, "application/json, application/problem+json")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    private HttpRequest.Builder request(String path, Map<String, String> query, String accept) {
        return HttpRequest.newBuilder(URI.create(base + path + queryString(query)))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", accept)
                .header("User-Agent", userAgent);
    }

    private Answer send(HttpRequest request) {
        String url = request.uri().toString();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), url);
        } catch (HttpConnectTimeoutException e) {
            throw new CliException("cannot connect to " + base + ": no connection within " + seconds());
        } catch (HttpTimeoutException e) {
            throw new CliException("no answer from " + url + " within " + seconds() + " (see --timeout)");
        } catch (ConnectException e) {
            throw new CliException("cannot connect to " + base + ": connection refused (is the admin running"
                    + " there? see --url or GATEHOUSE_URL)");
        } catch (SSLException e) {
            throw new CliException("TLS with " + base + " failed: " + e.getMessage()
                    + " (for an admin certificate from a private CA, pass --cacert FILE)");
        } catch (IOException e) {
            throw new CliException("cannot reach " + base + ": " + describe(e));
        } catch (UnresolvedAddressException e) {
            throw new CliException("cannot reach " + base + ": unknown host");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for " + url);
        }
    }

    private static Answer successful(Answer answer) {
        if (!answer.successful()) {
            throw Problems.of(answer);
        }
        return answer;
    }

    private String seconds() {
        return timeout.toSeconds() + " s";
    }

    // The JDK wraps the real cause (unknown host, reset) in IOExceptions without a message of their own.
    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String queryString(Map<String, String> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joiner.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }
}
