package dev.gatehouse.admin.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of console sign-in attempts ({@code sign_in_event}): written by the sign-in itself, read by admins
 * ({@code GET /api/v1/sign-ins}, the console's sign-ins page), trimmed to the retention period by
 * {@link SignInRetention}. Usernames are kept as typed, cut to {@value #MAX_USERNAME} characters, so that a typo or
 * a guessed name is visible; passwords are never passed here.
 */
@Service
public class SignInEvents {

    /** Longest username kept; longer input is cut. */
    public static final int MAX_USERNAME = 100;
    /** Longest client address kept (an IPv6 literal is at most 45 characters). */
    static final int MAX_ADDRESS = 64;

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records one attempt, now. */
    @Transactional
    public void record(String username, String clientAddress, SignInOutcome outcome) {
        jdbc.sql("INSERT INTO sign_in_event (at, username, client_address, outcome) VALUES (?, ?, ?, ?)")
                .param(Timestamp.from(clock.instant()))
                .param(cut(username == null ? "" : username, MAX_USERNAME))
                .param(cut(clientAddress == null ? "unknown" : clientAddress, MAX_ADDRESS))
                .param(outcome.name())
                .update();
    }

    /**
     * Events newest first, optionally only those of one username (exact, as typed) and one outcome, older than
     * event {@code before} when given.
     */
    @Transactional(readOnly = true)
    public SignInEventPage list(String username, SignInOutcome outcome, Long before, int limit) {
        List<SignInEvent> rows = jdbc.sql("""
                        SELECT id, at, username, client_address, outcome FROM sign_in_event
                        WHERE (CAST(:username AS text) IS NULL OR username = :username)
                          AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                          AND (CAST(:before AS bigint) IS NULL OR id < :before)
                        ORDER BY id DESC LIMIT :limit""")
                .param("username", username == null ? null : cut(username, MAX_USERNAME))
                .param("outcome", outcome == null ? null : outcome.name())
                .param("before", before)
                .param("limit", limit + 1)
                .query((rs, n) -> new SignInEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("username"), rs.getString("client_address"),
                        SignInOutcome.valueOf(rs.getString("outcome"))))
                .list();
        if (rows.size() <= limit) {
            return new SignInEventPage(rows, null);
        }
        List<SignInEvent> page = rows.subList(0, limit);
        return new SignInEventPage(page, page.get(limit - 1).id());
    }

    /** Deletes events older than {@code retention}; the number deleted. */
    @Transactional
    public int deleteOlderThan(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        return jdbc.sql("DELETE FROM sign_in_event WHERE at < ?").param(Timestamp.from(cutoff)).update();
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        // never split a surrogate pair
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
