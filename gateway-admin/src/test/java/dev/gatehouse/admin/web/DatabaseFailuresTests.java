package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the database being out of reach (503), and which are faults of the request. */
class DatabaseFailuresTests {

    @Test
    void anOutageIsRecognisedThroughWrappers() {
        assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("request timed out after 3000ms")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new JpaSystemException(new RuntimeException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))))).isTrue();
    }

    @Test
    void aFaultOfTheRequestIsNot() {
        assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("syntax", "42601"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }
}
