package dev.gatehouse.admin.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the history's list parameters and its cursor. */
class RevisionFilterTests {

    @Test
    void validParametersMakeAFilterWithTheDefaultLimit() {
        List<Violation> violations = new ArrayList<>();
        RevisionFilter filter = RevisionFilter.parse(new RevisionFilter.Params(" ops ", "route", "orders",
                "2026-01-01T00:00:00Z", "2026-01-01T12:00", new RevisionCursor(42).encode(), null), violations);
        assertThat(violations).isEmpty();
        assertThat(filter).isEqualTo(new RevisionFilter("ops", "route", "orders",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T12:00:00Z"), new RevisionCursor(42),
                RevisionFilter.DEFAULT_LIMIT));
    }

    @Test
    void everyBadParameterIsReportedOnItsField() {
        List<Violation> violations = new ArrayList<>();
        assertThat(RevisionFilter.parse(new RevisionFilter.Params("x".repeat(201), "user", null, "yesterday",
                null, "nope", "0"), violations)).isNull();
        assertThat(violations).extracting(Violation::field)
                .containsExactlyInAnyOrder("actor", "kind", "from", "cursor", "limit");

        violations.clear();
        RevisionFilter.parse(new RevisionFilter.Params(null, null, null, "2026-02-01T00:00:00Z",
                "2026-01-01T00:00:00Z", null, "201"), violations);
        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("to", "limit");
    }

    @Test
    void aCursorRoundTripsAndAnythingElseIsRefused() {
        assertThat(RevisionCursor.decode(new RevisionCursor(7).encode())).contains(new RevisionCursor(7));
        assertThat(RevisionCursor.decode("abc")).isEmpty();
        assertThat(RevisionCursor.decode("")).isEmpty();
        assertThat(RevisionCursor.decode(new RevisionCursor(0).encode())).isEmpty();
    }

    @Test
    void revisionNumbersAreWholeNumbersFromZero() {
        List<Violation> violations = new ArrayList<>();
        assertThat(RevisionHistory.parse("revision", " 12 ", violations)).isEqualTo(12);
        assertThat(violations).isEmpty();
        RevisionHistory.parse("from", "abc", violations);
        RevisionHistory.parse("to", "-1", violations);
        RevisionHistory.parse("revision", null, violations);
        assertThat(violations).extracting(Violation::field).containsExactly("from", "to", "revision");
    }
}
