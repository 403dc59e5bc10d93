package dev.gatehouse.admin.e2e;

import dev.gatehouse.admin.GatehouseAdminApplication;
import dev.gatehouse.admin.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An admin started as its own Spring application on a fixed port, so a test can stop it and start it again
 * where nodes expect it, or run a second admin instance against the same database.
 */
final class AdminInstance implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String CLUSTER_TOKEN = "test-cluster-token";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final TestDatabase.Info database;
    private ConfigurableApplicationContext context;

    AdminInstance(int port) {
        this(port, null);
    }

    /** An admin on {@code database} rather than this JVM's test database. */
    AdminInstance(int port, TestDatabase.Info database) {
        this.port = port;
        this.database = database;
    }

    AdminInstance start() {
        TestDatabase.Info db = database != null ? database : TestDatabase.get();
        context = new SpringApplicationBuilder(GatehouseAdminApplication.class).run(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--gatehouse.admin.token=" + ADMIN_TOKEN,
                "--gatehouse.admin.password=admin-password-123",
                "--gatehouse.cluster.token=" + CLUSTER_TOKEN,
                "--spring.jmx.enabled=false");
        return this;
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Calls the admin API with the test admin token. */
    HttpResponse<String> api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
