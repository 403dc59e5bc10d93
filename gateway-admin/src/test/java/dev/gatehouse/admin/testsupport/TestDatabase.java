package dev.gatehouse.admin.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One PostgreSQL database per test JVM. By default a fresh database {@code gatehouse_test_<random>} on the
 * server named by {@code GATEHOUSE_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code GATEHOUSE_TEST_PG_USER} or postgres, password {@code GATEHOUSE_TEST_PG_PASSWORD} or none),
 * dropped when the JVM exits. When that server does not answer, no URL was configured and Docker is
 * available, a Testcontainers PostgreSQL is used instead.
 */
public final class TestDatabase {

    /** Where to find the database. */
    public record Info(String url, String user, String password) {

        /** Opens a plain JDBC connection, for assertions straight against the tables. */
        public Connection open() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private static Info info;

    private TestDatabase() {
    }

    /** The database of this JVM, created on first use. */
    public static synchronized Info get() {
        if (info == null) {
            info = create();
        }
        return info;
    }

    /**
     * Another fresh, empty database on the same server, dropped when the JVM exits: for a second admin that must
     * not share this JVM's database (an admin started on the wrong database).
     */
    public static synchronized Info createAnother() {
        Info base = get();
        String server = withDatabase(base.url(), "postgres");
        String name = "gatehouse_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection admin = DriverManager.getConnection(server, base.user(), base.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a second test database: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, base.user(), base.password(), name),
                "drop-" + name));
        return new Info(withDatabase(base.url(), name), base.user(), base.password());
    }

    /** JDBC URL of this JVM's test database. */
    public static String jdbcUrl() {
        return get().url();
    }

    /** User name for {@link #jdbcUrl()}. */
    public static String username() {
        return get().user();
    }

    /** Password for {@link #jdbcUrl()}, possibly empty. */
    public static String password() {
        return get().password();
    }

    private static Info create() {
        String serverUrl = env("GATEHOUSE_TEST_PG_URL", null);
        String user = env("GATEHOUSE_TEST_PG_USER", "postgres");
        String password = env("GATEHOUSE_TEST_PG_PASSWORD", "");
        String url = serverUrl != null ? serverUrl : "jdbc:postgresql://127.0.0.1:5432/postgres";
        String name = "gatehouse_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (serverUrl == null) {
                Info container = DockerDatabase.startIfAvailable();
                if (container != null) {
                    return container;
                }
            }
            throw new IllegalStateException("no PostgreSQL for tests at " + url + " (" + e.getMessage()
                    + "); start one or set GATEHOUSE_TEST_PG_URL/USER/PASSWORD", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(url, user, password, name),
                "drop-" + name));
        return new Info(withDatabase(url, name), user, password);
    }

    private static void drop(String url, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /** The JDBC URL with its database replaced. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Points the Spring context at this JVM's test database. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Info db = get();
            TestPropertyValues.of(
                    "spring.datasource.url=" + db.url(),
                    "spring.datasource.username=" + db.user(),
                    "spring.datasource.password=" + db.password()
            ).applyTo(context);
        }
    }

    /** Testcontainers fallback, in its own class so nothing loads Docker classes unless it is needed. */
    private static final class DockerDatabase {

        static Info startIfAvailable() {
            try {
                if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                    return null;
                }
                var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
                container.start();
                return new Info(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
