package dev.gatehouse.admin.web;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of PostgreSQL itself (unreachable, refusing connections, shutting down, too slow) from a fault
 * of the request. Such a failure is answered 503 {@code database_unavailable}: the request may succeed later and
 * changed nothing, since its transaction never committed.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Whether this exception, or one of its causes, says the database could not be reached or did not answer. */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof QueryTimeoutException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLTimeoutException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && (unavailableState(sql.getSQLState()) || closedByPool(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's answer on a connection it closed under the application because the driver reported it broken
     * (a fatal connection state). Seen when the rollback after a failed query replaces the query's own exception.
     */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * SQL states of PostgreSQL being out of reach: class 08 (connection exception), 53 (insufficient resources:
     * too many connections, disk full), 57 (operator intervention: shutdown, statement timeout, cancelled).
     */
    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }
}
