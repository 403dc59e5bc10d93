package dev.gatehouse.admin.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.web.NotFoundException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration V17 on a database that already had revisions, in a database of its own: the history starts at the
 * revision current then, earlier revisions are refused naming that start, and the tables' constraints keep key
 * material out and operations consistent with their payloads.
 */
class ConfigHistoryMigrationIntegrationTests {

    @Test
    void theHistoryStartsAtTheRevisionCurrentWhenItWasCreated() {
        TestDatabase.Info database = TestDatabase.createAnother();
        migrate(database, "16");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(),
                database.password()));
        jdbc.sql("UPDATE config_state SET revision = 37").update();

        migrate(database, "latest");

        assertThat(jdbc.sql("SELECT revision FROM config_history_start").query(Long.class).single()).isEqualTo(37);
        RevisionHistory history = new RevisionHistory(new HistoryLog(jdbc, JsonMapper.builder().build()));
        assertThat(history.at(37).changed()).isEmpty();
        assertThatThrownBy(() -> history.at(36)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("starts at revision 37");
        assertThatThrownBy(() -> history.diff("36", "37")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("starts at revision 37");
        assertThat(history.diff("37", "37").changes()).isEmpty();

        jdbc.sql("INSERT INTO config_history (revision, committed_at, actor_type, actor_name)"
                + " VALUES (38, now(), 'system', 'gatehouse')").update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO config_history_objects (revision, seq, kind, entity_id, name,"
                + " op, after) VALUES (38, 0, 'key', 'k', 'gh_abc', 'create', '{\"hash\": \"x\"}')").update())
                .rootCause().hasMessageContaining("config_history_objects_no_key_material");
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO config_history_objects (revision, seq, kind, entity_id, name,"
                + " op, after) VALUES (38, 0, 'route', 'r', 'orders', 'update', '{}')").update())
                .rootCause().hasMessageContaining("config_history_objects_payload_matches_op");
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO config_history_objects (revision, seq, kind, entity_id, name,"
                + " op) VALUES (39, 0, 'settings', 's', 'cluster', 'update')").update())
                .rootCause().hasMessageContaining("foreign key");
    }

    private static void migrate(TestDatabase.Info database, String target) {
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target(target).load().migrate();
    }
}
