package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** "[redacted]" in a document keeps the current secret, and is an error naming the field where there is none. */
class KeptSecretsTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private ObjectNode tree(String json) {
        return (ObjectNode) mapper.readTree(json);
    }

    @Test
    void aMarkerTakesTheCurrentValueAtItsPath() {
        List<Violation> errors = new ArrayList<>();
        ObjectNode filled = KeptSecrets.fill(tree("""
                {"name": "r", "jwt": {"secret": "[redacted]"}, "steps": [{"headers": {"Authorization": "[redacted]"}}]}"""),
                tree("""
                {"name": "r", "jwt": {"secret": "s3cret"}, "steps": [{"headers": {"Authorization": "Bearer x"}}]}"""),
                "routes[0]", errors);
        assertThat(errors).isEmpty();
        assertThat(filled.at("/jwt/secret").asString()).isEqualTo("s3cret");
        assertThat(filled.at("/steps/0/headers/Authorization").asString()).isEqualTo("Bearer x");
    }

    @Test
    void aMarkerWithNothingToKeepIsAnErrorAtItsFilePath() {
        List<Violation> errors = new ArrayList<>();
        KeptSecrets.fill(tree("{\"jwt\": {\"secret\": \"[redacted]\"}, \"list\": [\"[redacted]\"]}"), null,
                "routes[3]", errors);
        assertThat(errors).extracting(Violation::field).containsExactly("routes[3].jwt.secret", "routes[3].list[0]");
        assertThat(errors.get(0).message()).contains("no current value to keep");
    }

    @Test
    void aNewValueReplacesTheCurrentOne() {
        List<Violation> errors = new ArrayList<>();
        ObjectNode filled = KeptSecrets.fill(tree("{\"jwt\": {\"secret\": \"new\"}}"),
                tree("{\"jwt\": {\"secret\": \"old\"}}"), "routes[0]", errors);
        assertThat(filled.at("/jwt/secret").asString()).isEqualTo("new");
        assertThat(errors).isEmpty();
    }
}
