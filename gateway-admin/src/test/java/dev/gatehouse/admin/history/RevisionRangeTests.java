package dev.gatehouse.admin.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.config.EntityKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Collapsing a range of recorded changes into the difference of its ends and the state at its start. */
class RevisionRangeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<HistoryRow> rows = new ArrayList<>();

    @Test
    void anUpdatedObjectIsComparedFieldByFieldBetweenItsFirstBeforeAndItsLastAfter() {
        change(11, EntityKind.ROUTE, "r1", "{\"kind\":\"route\",\"name\":\"orders\",\"paths\":[\"/a\"],\"priority\":1}",
                "{\"kind\":\"route\",\"name\":\"orders\",\"paths\":[\"/b\"],\"priority\":1}");
        change(12, EntityKind.ROUTE, "r1", "{\"kind\":\"route\",\"name\":\"orders\",\"paths\":[\"/b\"],\"priority\":1}",
                "{\"kind\":\"route\",\"name\":\"orders\",\"paths\":[\"/c\"],\"priority\":2}");

        ObjectChange forward = single(new RevisionRange(rows).diff(true));
        assertThat(forward.op()).isEqualTo("update");
        assertThat(forward.name()).isEqualTo("orders");
        assertThat(forward.id()).isEqualTo("r1");
        assertThat(forward.fields()).containsExactly(
                new ObjectChange.Field("paths[0]", "changed", "/a", "/c"),
                new ObjectChange.Field("priority", "changed", "1", "2"));

        ObjectChange backward = single(new RevisionRange(rows).diff(false));
        assertThat(backward.op()).isEqualTo("update");
        assertThat(backward.fields()).containsExactly(
                new ObjectChange.Field("paths[0]", "changed", "/c", "/a"),
                new ObjectChange.Field("priority", "changed", "2", "1"));
    }

    @Test
    void creationsReadAsDeletionsBackwardsAndAnObjectCreatedAndDeletedWithinTheRangeIsNotListed() {
        change(11, EntityKind.SERVICE, "s1", null, "{\"kind\":\"service\",\"name\":\"new\",\"basePath\":\"/\"}");
        change(11, EntityKind.PLAN, "p1", null, "{\"kind\":\"plan\",\"name\":\"brief\"}");
        change(13, EntityKind.PLAN, "p1", "{\"kind\":\"plan\",\"name\":\"brief\"}", null);
        change(14, EntityKind.CONSUMER, "c1", "{\"kind\":\"consumer\",\"name\":\"gone\"}", null);

        List<ObjectChange> forward = new RevisionRange(rows).diff(true);
        assertThat(forward).extracting(ObjectChange::name, ObjectChange::op)
                .containsExactly(tuple("new", "create"), tuple("gone", "delete"));
        assertThat(forward.get(0).fields()).extracting(ObjectChange.Field::path, ObjectChange.Field::change,
                ObjectChange.Field::before).contains(tuple("basePath", "added", null));

        List<ObjectChange> backward = new RevisionRange(rows).diff(false);
        assertThat(backward).extracting(ObjectChange::name, ObjectChange::op)
                .containsExactly(tuple("new", "delete"), tuple("gone", "create"));
        assertThat(backward.get(1).fields()).containsExactly(new ObjectChange.Field("kind", "added", null, "consumer"),
                new ObjectChange.Field("name", "added", null, "gone"));
    }

    @Test
    void anObjectChangedAndChangedBackIsNotListed() {
        change(11, EntityKind.PLAN, "p1", "{\"kind\":\"plan\",\"name\":\"gold\",\"quotas\":[]}",
                "{\"kind\":\"plan\",\"name\":\"platinum\",\"quotas\":[]}");
        change(12, EntityKind.PLAN, "p1", "{\"kind\":\"plan\",\"name\":\"platinum\",\"quotas\":[]}",
                "{\"kind\":\"plan\",\"name\":\"gold\",\"quotas\":[]}");

        assertThat(new RevisionRange(rows).diff(true)).isEmpty();
        assertThat(new RevisionRange(rows).diff(false)).isEmpty();
    }

    @Test
    void aSecretChangedEarlierInTheRangeStillShowsAsChangedThoughTheLastChangeKeptIt() {
        change(11, EntityKind.ROUTE, "r1", jwt("/a", Redaction.MARKER), jwt("/a", Redaction.CHANGED));
        change(12, EntityKind.ROUTE, "r1", jwt("/a", Redaction.MARKER), jwt("/b", Redaction.MARKER));

        for (boolean forward : new boolean[] {true, false}) {
            ObjectChange change = single(new RevisionRange(rows).diff(forward));
            assertThat(change.fields()).contains(new ObjectChange.Field("jwt.secret", "changed", Redaction.MARKER,
                    Redaction.CHANGED));
        }
        // a single change shows the secret as stored
        rows.remove(1);
        assertThat(single(new RevisionRange(rows).diff(true)).fields())
                .containsExactly(new ObjectChange.Field("jwt.secret", "changed", Redaction.MARKER, Redaction.CHANGED));
    }

    @Test
    void keysAndSettingsAreListedWithoutFields() {
        change(11, EntityKind.KEY, "k1", null, null, ObjectOp.CREATE, "gh_abc");
        change(12, EntityKind.SETTINGS, "cluster", null, null, ObjectOp.UPDATE, "cluster");
        change(13, EntityKind.KEY, "k2", null, null, ObjectOp.CREATE, "gh_def");
        change(14, EntityKind.KEY, "k2", null, null, ObjectOp.DELETE, "gh_def");

        assertThat(new RevisionRange(rows).diff(true)).containsExactly(
                new ObjectChange("key", "gh_abc", "k1", "create", List.of()),
                new ObjectChange("settings", "cluster", "cluster", "update", List.of()));
        assertThat(new RevisionRange(rows).diff(false)).extracting(ObjectChange::op)
                .containsExactly("delete", "update");
    }

    @Test
    void theStateAtTheStartIsEachObjectsFirstBeforeReferencedKindsFirstWithoutKeysOrSettings() {
        change(11, EntityKind.POLICY, "pol", null, "{\"kind\":\"policy\",\"name\":\"limit\"}");
        change(11, EntityKind.ROUTE, "r1", "{\"kind\":\"route\",\"name\":\"old-name\",\"paths\":[\"/a\"]}",
                "{\"kind\":\"route\",\"name\":\"new-name\",\"paths\":[\"/a\"]}");
        change(12, EntityKind.KEY, "k1", null, null, ObjectOp.CREATE, "gh_abc");
        change(12, EntityKind.CONSUMER, "c1", "{\"kind\":\"consumer\",\"name\":\"acme\"}", null);
        change(13, EntityKind.SERVICE, "s1", null, "{\"kind\":\"service\",\"name\":\"svc\"}");
        change(14, EntityKind.ROUTE, "r1", "{\"kind\":\"route\",\"name\":\"new-name\",\"paths\":[\"/a\"]}",
                "{\"kind\":\"route\",\"name\":\"new-name\",\"paths\":[\"/z\"]}");
        change(15, EntityKind.PLAN, "p1", "{\"kind\":\"plan\",\"name\":\"gold\"}",
                "{\"kind\":\"plan\",\"name\":\"gold\",\"quotas\":[]}");
        change(16, EntityKind.SETTINGS, "cluster", null, null, ObjectOp.UPDATE, "cluster");

        List<RevisionState.ObjectAt> states = new RevisionRange(rows).atLow();

        assertThat(states).extracting(RevisionState.ObjectAt::kind).containsExactly(EntityKind.SERVICE,
                EntityKind.PLAN, EntityKind.ROUTE, EntityKind.CONSUMER, EntityKind.POLICY);
        assertThat(states.get(0).then()).isNull();
        assertThat(states.get(0).name()).isEqualTo("svc");
        assertThat(states.get(1).then()).isEqualTo(json("{\"kind\":\"plan\",\"name\":\"gold\"}"));
        assertThat(states.get(2).name()).isEqualTo("old-name");
        assertThat(states.get(2).then().get("paths").get(0).asString()).isEqualTo("/a");
        assertThat(states.get(3).then()).isEqualTo(json("{\"kind\":\"consumer\",\"name\":\"acme\"}"));
        assertThat(states.get(4).then()).isNull();
        assertThat(states.get(4).name()).isEqualTo("limit");
    }

    @Test
    void aStateNeverSaysASecretChanged() {
        change(11, EntityKind.ROUTE, "r1", jwt("/a", Redaction.CHANGED), jwt("/b", Redaction.MARKER));
        assertThat(new RevisionRange(rows).atLow().get(0).then().get("jwt").get("secret").asString())
                .isEqualTo(Redaction.MARKER);
        assertThat(RevisionRange.unmarked(json("[\"[redacted, changed]\", {\"a\": [\"[redacted, changed]\"]}]")))
                .isEqualTo(json("[\"[redacted]\", {\"a\": [\"[redacted]\"]}]"));
    }

    @Test
    void revisionsOutsideTheHistoryAreNotFoundNamingItsStart() {
        RevisionHistory.recorded(12, 12, 40);
        RevisionHistory.recorded(40, 12, 40);
        assertThatThrownBy(() -> RevisionHistory.recorded(11, 12, 40)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("starts at revision 12");
        assertThatThrownBy(() -> RevisionHistory.recorded(41, 12, 40)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("never committed").hasMessageContaining("holds revisions 12 to 40");
    }

    @Test
    void aSingleChangeInTheSameShapeForImportsAndRollbacks() {
        assertThat(ObjectChange.between(EntityKind.PLAN, "p1", "gold", json("{\"name\":\"gold\",\"quotas\":[]}"),
                json("{\"name\":\"gold\",\"quotas\":[1]}"))).isEqualTo(new ObjectChange("plan", "gold", "p1",
                "update", List.of(new ObjectChange.Field("quotas", "removed", "[]", null),
                new ObjectChange.Field("quotas[0]", "added", null, "1"))));
        assertThat(ObjectChange.between(EntityKind.PLAN, null, "new", null, json("{\"name\":\"new\"}")).op())
                .isEqualTo("create");
        assertThatThrownBy(() -> ObjectChange.between(EntityKind.PLAN, "p", "p", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void change(long revision, EntityKind kind, String id, String before, String after) {
        JsonNode old = before == null ? null : json(before);
        JsonNode now = after == null ? null : json(after);
        String name = (now != null ? now : old).get("name").asString();
        change(revision, kind, id, old, now, ObjectOp.of(old, now), name);
    }

    private void change(long revision, EntityKind kind, String id, JsonNode before, JsonNode after, ObjectOp op,
                        String name) {
        rows.add(new HistoryRow(revision, rows.size(), kind, id, name, op, before, after));
    }

    private static String jwt(String path, String secret) {
        return "{\"kind\":\"route\",\"name\":\"api\",\"paths\":[\"" + path + "\"],\"jwt\":{\"secret\":\"" + secret
                + "\"}}";
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static ObjectChange single(List<ObjectChange> changes) {
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
