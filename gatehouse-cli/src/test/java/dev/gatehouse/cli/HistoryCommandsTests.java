package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** revisions and rollback against a fake admin. */
class HistoryCommandsTests {

    @Test
    void revisionsAreATableNewestFirst() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.answer(200, "application/json", """
                    {"items": [
                      {"revision": 46, "at": "2026-12-08T01:02:03Z", "actor": {"type": "token", "name": "ci-deploy"},
                       "reason": "import", "changes": {"create": 1, "update": 2, "delete": 0},
                       "objects": [{"kind": "route", "name": "orders", "op": "create"},
                                   {"kind": "service", "name": "shop", "op": "update"},
                                   {"kind": "policy", "name": "limit", "op": "update"},
                                   {"kind": "route", "name": "cart", "op": "update"}]},
                      {"revision": 9, "at": "2026-12-07T10:00:00Z", "actor": {"type": "user", "name": "admin"},
                       "reason": null, "changes": {"create": 0, "update": 1, "delete": 0},
                       "objects": [{"kind": "route", "name": "cart", "op": "update"}]}],
                     "next": "abc", "historyStart": 9}""");
            CliRun run = CliRun.run(env(admin), "revisions", "--limit", "2");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("""
                    REVISION  AT                    ACTOR            REASON  CHANGES   OBJECTS
                    46        2026-12-08T01:02:03Z  token ci-deploy  import  +1 ~2 -0  route orders, service shop, policy limit, and 1 more
                    9         2026-12-07T10:00:00Z  user admin       -       +0 ~1 -0  route cart
                    History from revision 9: diffs and rollbacks work from there on.
                    Older revisions exist: raise --limit to see them.
                    """);
            assertThat(admin.last().path()).isEqualTo("/api/v1/config/revisions");
            assertThat(admin.last().query()).isEqualTo("limit=2");
        }
    }

    @Test
    void rollbackSendsTheRevisionAndShowsChangesAndKeptObjects() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.answer(200, "application/json", """
                    {"dryRun": true, "revision": null, "unchanged": 12,
                     "changes": [{"kind": "route", "name": "orders", "op": "delete", "fields": []}],
                     "kept": [{"kind": "consumer", "name": "acme", "reason": "created after revision 42"}]}""");
            CliRun run = CliRun.run(env(admin), "rollback", "--to", "42", "--dry-run", "--if-revision", "45");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("""
                    - delete route orders
                    ! keep consumer acme: created after revision 42
                    Rollback to revision 42 would make: 0 to create, 0 to update, 1 to delete; 12 unchanged.
                    """);
            FakeAdmin.Exchange post = admin.last();
            assertThat(post.path()).isEqualTo("/api/v1/config/rollback");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = Answer.mapper().readTree(post.bodyText());
            assertThat(body.path("revision").asLong()).isEqualTo(42);
            assertThat(body.path("dryRun").asBoolean()).isTrue();
            assertThat(body.path("ifRevision").asLong()).isEqualTo(45);

            admin.answer(200, "application/json", """
                    {"dryRun": false, "revision": 47, "unchanged": 12, "kept": [],
                     "changes": [{"kind": "route", "name": "orders", "op": "delete", "fields": []}]}""");
            CliRun done = CliRun.run(env(admin), "rollback", "--to", "42");
            assertThat(done.out()).endsWith("Rolled back to revision 42 as revision 47: 0 created, 0 updated,"
                    + " 1 deleted; 12 unchanged.\n");
            assertThat(Answer.mapper().readTree(admin.last().bodyText()).has("ifRevision")).isFalse();
        }
    }

    @Test
    void aRevisionOutsideTheHistoryIsAnError() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.answer(404, "application/problem+json", """
                    {"title": "Not found", "status": 404, "detail": "Revision 3 is before the recorded history (12)."}""");
            CliRun run = CliRun.run(env(admin), "rollback", "--to", "3");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("error: Not found: Revision 3 is before the recorded history (12).\n");
        }
    }

    @Test
    void aSlowAdminIsCutOffAtTheTimeout() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.delay(3_000);
            CliRun run = CliRun.run(env(admin), "revisions", "--timeout", "1");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("error: no answer from " + admin.url()
                    + "/api/v1/config/revisions?limit=20 within 1 s (see --timeout)\n");
        }
    }

    private static Map<String, String> env(FakeAdmin admin) {
        return Map.of("GATEHOUSE_URL", admin.url(), "GATEHOUSE_TOKEN", "ght_history_token");
    }
}
