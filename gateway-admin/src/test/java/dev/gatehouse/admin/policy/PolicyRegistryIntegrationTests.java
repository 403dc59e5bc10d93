package dev.gatehouse.admin.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyType;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin's side of the policy registry (the contract's side is {@code PolicyRegistryTests}): for every record
 * permitted by {@link PolicyConfig}, the console has an input and a help message for each of its fields, and the
 * admin's own mapper (Spring Boot's Jackson 3 mapper with the strict settings) carries its JSON both ways. A new
 * record fails here when a message is missing (the key is named), or when one of its component types has no form
 * input ({@link PolicySchema} refuses it, naming the record).
 */
@AdminIntegrationTest
class PolicyRegistryIntegrationTests {

    @Autowired
    JsonMapper mapper;
    @Autowired
    MessageSource messages;
    @Autowired
    MockMvc mvc;

    static List<PolicyType> types() {
        return PolicyType.all();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyComponentHasAnInputWithHelp(PolicyType type) {
        List<PolicySchema.Field> fields = PolicySchema.fields(type);
        for (RecordComponent component : type.configType().getRecordComponents()) {
            assertThat(fields).as(type.value() + "." + component.getName() + " has an input")
                    .anySatisfy(f -> assertThat(f.path()).startsWith("config." + component.getName()));
        }
        for (PolicySchema.Field field : fields) {
            if (field.path().matches(".*\\[[1-9]].*")) {
                continue; // later rows of a list: the first row's help explains them
            }
            assertThat(field.help()).as(field.path()).isEqualTo(PolicySchema.HELP + type.value() + "."
                    + field.path().substring("config.".length()).replaceAll("\\[\\d+]", ""));
            assertThat(messages.getMessage(field.help(), null, null, Locale.ENGLISH))
                    .as("message " + field.help()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypeRoundTripsThroughTheAdminsMapper(PolicyType type) {
        // Every input filled, as the console would send them, read by the mapper the API reads with.
        Map<String, String> inputs = new HashMap<>();
        for (PolicySchema.Field field : PolicySchema.fields(type)) {
            inputs.put(field.path(), switch (field.kind()) {
                case NUMBER -> "7";
                case CHECKBOX -> "true";
                case TEXT -> "X-Sample";
                case SELECT -> field.options().get(field.options().size() - 1);
                case LINES -> field.numbers() ? "503" : "X-Sample";
                case PAIRS -> "X-Sample: 1";
            });
        }
        PolicyConfig config = mapper.treeToValue(PolicyForm.submitted(type, inputs).toRequest(mapper).config(),
                PolicyConfig.class);
        assertThat(config.type()).isSameAs(type);

        String text = mapper.writeValueAsString(config);
        assertThat(text).startsWith("{\"type\":\"" + type.value() + "\"");
        assertThat(mapper.readValue(text, PolicyConfig.class)).isEqualTo(config);
    }

    @Test
    void aPolicyTheApiReturnsCanBeSentBackAsItIs() throws Exception {
        // A transform's JSON carries the derived "empty" of its header changes; sending it back must not be refused.
        AdminApi api = new AdminApi(mvc);
        String name = "registry-transform-" + UUID.randomUUID().toString().substring(0, 8);
        String created = api.post("/api/v1/policies", """
                        {"name": "%s", "scope": "global",
                         "config": {"type": "transform", "request": {"set": {"X-Env": "test"}}}}""".formatted(name))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode config = mapper.readTree(created).get("config");
        assertThat(config.get("request").has("empty")).isTrue();
        api.put("/api/v1/policies/" + name, mapper.writeValueAsString(Map.of("scope", "global", "config", config)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.config.request.set.X-Env").value("test"));
        api.delete("/api/v1/policies/" + name).andExpect(status().isNoContent());
    }

    @Test
    void unknownTypesAreRefusedByTheAdminsMapperAndTheApi() throws Exception {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"lua-script\",\"source\":\"x\"}", PolicyConfig.class))
                .isInstanceOf(InvalidTypeIdException.class)
                .hasMessageContaining("'lua-script'")
                .hasMessageContaining("known type ids = [");

        String before = AdminApi.fingerprint();
        new AdminApi(mvc).post("/api/v1/policies", """
                        {"name": "registry-lua", "scope": "global", "config": {"type": "lua-script", "source": "x"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("config.type"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString(PolicyType.names())));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
    }
}
