package dev.gatehouse.admin.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.admin.GatehouseProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL when no database URL is configured, so that the admin runs with one command.
 * The data directory ({@code gatehouse.data-dir}/pg) is kept between runs. The bundled zonky binaries run as
 * root too, which the distribution's own {@code initdb} refuses.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatabaseUrl.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(GatehouseProperties properties) {
        Path dir = Path.of(properties.dataDir(), "pg").toAbsolutePath().normalize();
        log.info("No GATEHOUSE_DB_URL set: starting embedded PostgreSQL with data in {}", dir);
        return start(dir);
    }

    /** The pool, with the same timeouts as for an external database ({@code spring.datasource.hikari.*}). */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("gatehouse-embedded");
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    /** Starts (and on first use initialises) a PostgreSQL server keeping its data in {@code dataDir}. */
    public static EmbeddedPostgres start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky's defaults are for throwaway test databases; this one keeps the admin's data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (data in " + dataDir
                    + "); set GATEHOUSE_DB_URL to use an external PostgreSQL", e);
        }
    }

    /**
     * Stops a server left running on this data directory by an admin that was killed without shutting down
     * (SIGKILL); otherwise the new server could not lock the directory. Leaves other processes alone.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier admin", pid, dataDir);
        process.get().destroy();
        try {
            process.get().onExit().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("PostgreSQL pid {} did not stop within 15 s", pid);
        }
    }

    /** Matches when {@code spring.datasource.url} (GATEHOUSE_DB_URL) is empty or absent. */
    static class NoDatabaseUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
