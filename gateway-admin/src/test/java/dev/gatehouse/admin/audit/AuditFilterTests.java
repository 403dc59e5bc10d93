package dev.gatehouse.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.web.KeysetCursor;
import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFilterTests {

    @Test
    void parsesEveryFilterAndRoundTripsTheCursor() {
        String cursor = KeysetCursor.of(Instant.parse("2026-03-01T10:00:00.123456Z"), 42)
                .encode(AuditFilter.CURSOR_TAG);
        List<Violation> violations = new ArrayList<>();

        AuditFilter filter = AuditFilter.parse(new AuditFilter.Params(" admin ", "route", "id-1", "orders",
                "sign-in-failed", "2026-01-01T00:00:00Z", "2026-02-01T00:00", cursor, "200"), 50, violations);

        assertThat(violations).isEmpty();
        assertThat(filter.actor()).isEqualTo("admin");
        assertThat(filter.action()).isEqualTo(AuditAction.SIGN_IN_FAILED);
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(filter.cursor().at()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(filter.cursor().id()).isEqualTo(42);
        assertThat(filter.limit()).isEqualTo(200);
        assertThat(AuditFilter.parse(AuditFilter.Params.NONE, 50, violations).limit()).isEqualTo(50);
    }

    @Test
    void reportsEachBadParameterByName() {
        List<Violation> violations = new ArrayList<>();

        AuditFilter filter = AuditFilter.parse(new AuditFilter.Params("x".repeat(201), "thing", null, null,
                "explode", "soon", null, "bm90LWEtY3Vyc29y", "1.5"), 50, violations);

        assertThat(filter).isNull();
        assertThat(violations).extracting(Violation::field)
                .containsExactly("actor", "kind", "action", "from", "cursor", "limit");
    }
}
