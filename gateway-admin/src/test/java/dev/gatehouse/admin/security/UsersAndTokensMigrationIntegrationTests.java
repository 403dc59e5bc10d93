package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V16 on a database from before it, in a database of its own: the token stored until then (the
 * bootstrap token) becomes a token of the {@code gatehouse:bootstrap} service account, so it keeps working.
 */
class UsersAndTokensMigrationIntegrationTests {

    @Test
    void existingTokensBelongToTheBootstrapServiceAccountAfterV16() throws Exception {
        TestDatabase.Info database = TestDatabase.createAnother();
        migrate(database, "14");
        try (Connection c = database.open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO admin_users (id, username, password_hash, role) VALUES "
                    + "('00000000-0000-0000-0000-000000000001', 'admin', '$2a$10$abc', 'ADMIN')");
            s.execute("INSERT INTO api_tokens (id, name, token_hash, role) VALUES "
                    + "('00000000-0000-0000-0000-000000000002', 'bootstrap', '" + TokenDigest.sha256Hex("old-token")
                    + "', 'ADMIN')");
        }

        migrate(database, "latest");

        try (Connection c = database.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.username, u.role, u.service_account, u.password_hash,"
                     + " t.token_hash, t.expires_at FROM api_tokens t JOIN admin_users u ON u.id = t.owner_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("username")).isEqualTo("gatehouse:bootstrap");
            assertThat(rs.getString("role")).isEqualTo("ADMIN");
            assertThat(rs.getBoolean("service_account")).isTrue();
            assertThat(rs.getString("password_hash")).doesNotStartWith("$2");
            assertThat(rs.getString("token_hash")).isEqualTo(TokenDigest.sha256Hex("old-token"));
            assertThat(rs.getObject("expires_at")).isNull();
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = database.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT service_account FROM admin_users WHERE username = 'admin'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isFalse();
        }
    }

    private static void migrate(TestDatabase.Info database, String target) {
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target(target).load().migrate();
    }
}
