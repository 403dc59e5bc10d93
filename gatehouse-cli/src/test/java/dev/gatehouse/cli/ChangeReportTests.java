package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChangeReportTests {

    // an import answer as CONFIG-API.md describes it
    static final String ANSWER = """
            {"dryRun": true, "revision": null, "unchanged": 17, "changes": [
              {"kind": "route", "name": "orders", "id": null, "op": "create", "fields": []},
              {"kind": "service", "name": "billing", "id": "8c0e", "op": "update", "fields": [
                {"path": "targets[0].port", "change": "changed", "before": "8080", "after": "8081"},
                {"path": "basePath", "change": "added", "before": null, "after": "/billing"},
                {"path": "tags[1]", "change": "removed", "before": "legacy", "after": null},
                {"path": "protocol", "change": "changed", "before": "", "after": " https"}]},
              {"kind": "policy", "name": "old-limit", "op": "delete"},
              {"kind": "settings", "name": "cluster", "op": "update", "fields": [
                {"path": "config.secret", "change": "changed", "before": "[redacted]", "after": "[redacted, changed]"}]}
            ]}""";

    @Test
    void eachObjectIsOneLineWithItsChangedFieldsBelow() {
        JsonNode changes = Answer.mapper().readTree(ANSWER).path("changes");
        assertThat(new ChangeReport("→").lines(changes)).containsExactly(
                "+ create route orders",
                "~ update service billing",
                "  targets[0].port: 8080 → 8081",
                "  basePath: (none) → /billing",
                "  tags[1]: legacy → (none)",
                "  protocol: \"\" → \" https\"",
                "- delete policy old-limit",
                "~ update settings cluster",
                "  config.secret: [redacted] → [redacted, changed]");
        assertThat(new ChangeReport("->").lines(changes)).contains("  targets[0].port: 8080 -> 8081");
    }

    @Test
    void countsSayWhatWouldHappenAndWhatHappened() {
        ChangeReport.Counts counts = ChangeReport.Counts.of(Answer.mapper().readTree(ANSWER).path("changes"));
        assertThat(counts).isEqualTo(new ChangeReport.Counts(1, 2, 1, 0));
        assertThat(counts.describe(false)).isEqualTo("1 to create, 2 to update, 1 to delete");
        assertThat(counts.describe(true)).isEqualTo("1 created, 2 updated, 1 deleted");
        assertThat(ChangeReport.Counts.of(Answer.mapper().readTree("[]")).total()).isZero();
    }
}
