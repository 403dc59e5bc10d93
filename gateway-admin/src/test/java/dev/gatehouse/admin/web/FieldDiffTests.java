package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.web.FieldDiff.Change;
import dev.gatehouse.admin.web.FieldDiff.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FieldDiffTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void listsAddedRemovedAndChangedFieldsByPathAndCountsTheRest() {
        FieldDiff diff = FieldDiff.of(
                mapper.readTree("{\"name\": \"r\", \"paths\": [\"/a\", \"/b\"], \"jwt\": {\"issuer\": \"x\"},"
                        + " \"tags\": [], \"priority\": 1}"),
                mapper.readTree("{\"name\": \"r\", \"paths\": [\"/a\"], \"jwt\": {\"issuer\": \"y\"},"
                        + " \"tags\": [\"t\"], \"priority\": 1, \"enabled\": true}"));

        assertThat(diff.rows()).containsExactly(
                new Row("paths[1]", Change.REMOVED, "/b", null),
                new Row("jwt.issuer", Change.CHANGED, "x", "y"),
                new Row("tags", Change.REMOVED, "[]", null),
                new Row("tags[0]", Change.ADDED, null, "t"),
                new Row("enabled", Change.ADDED, null, "true"));
        assertThat(diff.unchanged()).isEqualTo(3);
    }

    @Test
    void aCreationIsAllAddedAndADeletionAllRemoved() {
        assertThat(FieldDiff.of(null, mapper.readTree("{\"a\": 1}")).rows())
                .containsExactly(new Row("a", Change.ADDED, null, "1"));
        assertThat(FieldDiff.of(mapper.readTree("{\"a\": \"x\"}"), null).rows())
                .containsExactly(new Row("a", Change.REMOVED, "x", null));
        assertThat(FieldDiff.of(null, null).rows()).isEmpty();
    }
}
