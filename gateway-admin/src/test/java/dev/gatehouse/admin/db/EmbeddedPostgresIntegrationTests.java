package dev.gatehouse.admin.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL the admin starts when no database URL is set: it must start as the user running the
 * build (root on CI) and keep its data across restarts.
 */
class EmbeddedPostgresIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void startsAndKeepsDataBetweenRuns() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgres pg = EmbeddedPostgresConfiguration.start(data);
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('still here')");
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

        try (EmbeddedPostgres pg = EmbeddedPostgresConfiguration.start(data);
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }
}
