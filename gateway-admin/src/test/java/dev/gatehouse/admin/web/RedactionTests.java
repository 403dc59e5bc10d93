package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RedactionTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void secretsAreReplacedAtAnyDepthAndNothingElse() {
        JsonNode before = mapper.readTree("""
                {"name": "r", "jwt": {"secret": "s1", "algorithms": ["HS256"]}, "hash": "h",
                 "keyHashSecret": "k", "items": [{"password": "p", "port": 1}], "hashOn": "ip", "none": null,
                 "jwt2": {"secret": null},
                 "request": {"set": {"Authorization": "Bearer abc", "X-Api-Key": "def", "X-Team": "ghi"}}}""");

        JsonNode redacted = Redaction.before(before);

        assertThat(redacted.toString()).doesNotContain("s1", "\"h\"", "\"k\"", "\"p\"");
        assertThat(redacted.get("jwt").get("secret").asString()).isEqualTo(Redaction.MARKER);
        assertThat(redacted.get("hash").asString()).isEqualTo(Redaction.MARKER);
        assertThat(redacted.get("keyHashSecret").asString()).isEqualTo(Redaction.MARKER);
        assertThat(redacted.get("items").get(0).get("password").asString()).isEqualTo(Redaction.MARKER);
        assertThat(redacted.get("items").get(0).get("port").asInt()).isEqualTo(1);
        assertThat(redacted.get("hashOn").asString()).isEqualTo("ip");
        assertThat(redacted.get("jwt2").get("secret").isNull()).isTrue();
        assertThat(redacted.get("request").get("set").toString()).doesNotContain("abc", "def").contains("ghi");
        assertThat(before.get("jwt").get("secret").asString()).as("the input is not changed").isEqualTo("s1");
    }

    @Test
    void aChangedSecretIsMarkedChangedOnTheAfterSideOnly() {
        JsonNode before = mapper.readTree("{\"jwt\": {\"secret\": \"old\"}, \"token\": \"same\"}");
        JsonNode after = mapper.readTree("{\"jwt\": {\"secret\": \"new\"}, \"token\": \"same\"}");

        JsonNode redacted = Redaction.after(after, before);

        assertThat(redacted.get("jwt").get("secret").asString()).isEqualTo(Redaction.CHANGED);
        assertThat(redacted.get("token").asString()).isEqualTo(Redaction.MARKER);
        assertThat(Redaction.before(before).get("jwt").get("secret").asString()).isEqualTo(Redaction.MARKER);
        assertThat(Redaction.after(after, null).get("jwt").get("secret").asString()).isEqualTo(Redaction.MARKER);
        assertThat(Redaction.before(null)).isNull();
    }
}
