package dev.gatehouse.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.publish.ChangeAudit.Change;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.PlanSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigChangesTests {

    private final ConfigJson json = new ConfigJson();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void keysAreIssuedRevokedAndRotatedAndARotationIsOneRecordHoldingItsReplacement() {
        ApiKeySpec old = new ApiKeySpec("k1", "c1", "gh_old", "hash-old", 0, null);
        ApiKeySpec rotating = new ApiKeySpec("k1", "c1", "gh_old", "hash-old", 5_000, null);
        ApiKeySpec replacement = new ApiKeySpec("k2", "c1", "gh_new", "hash-new", 0, null);

        List<AuditEntry> rotation = ConfigChanges.entries(
                List.of(new Change(null, replacement), new Change(old, rotating)), this::toJson);

        assertThat(rotation).hasSize(1);
        AuditEntry entry = rotation.get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.ROTATE);
        assertThat(entry.objectId()).isEqualTo("k1");
        assertThat(entry.objectName()).isEqualTo("gh_old");
        assertThat(entry.after().get("replacement").get("id").asString()).isEqualTo("k2");
        assertThat(entry.after().toString()).doesNotContain("hash-old", "hash-new");
        assertThat(entry.before().toString()).doesNotContain("hash-old");

        assertThat(ConfigChanges.entries(List.of(new Change(null, old)), this::toJson))
                .extracting(AuditEntry::action).containsExactly(AuditAction.ISSUE);
        assertThat(ConfigChanges.entries(List.of(new Change(old, null)), this::toJson))
                .extracting(AuditEntry::action).containsExactly(AuditAction.REVOKE);
    }

    @Test
    void otherObjectsAreCreatedUpdatedAndDeletedOneRecordEach() {
        PlanSpec free = new PlanSpec("p1", "free", null, null);
        PlanSpec pro = new PlanSpec("p1", "pro", null, null);

        List<AuditEntry> entries = ConfigChanges.entries(List.of(new Change(null, free), new Change(free, pro),
                new Change(pro, null)), this::toJson);

        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE);
        assertThat(entries).extracting(AuditEntry::objectKind).containsOnly("plan");
        assertThat(entries.get(1).before().get("name").asString()).isEqualTo("free");
        assertThat(entries.get(1).after().get("name").asString()).isEqualTo("pro");
        assertThat(entries.get(2).after()).isNull();
    }

    private JsonNode toJson(ConfigEntity entity) {
        return mapper.readTree(json.writeString(entity));
    }
}
