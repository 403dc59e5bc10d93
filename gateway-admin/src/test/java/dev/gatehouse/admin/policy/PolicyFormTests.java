package dev.gatehouse.admin.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.config.policy.TransformPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The generated policy forms: every type gets inputs, inputs become the API's JSON and errors find their input. */
class PolicyFormTests {

    private static final PolicyType RATE_LIMIT = PolicyType.of(RateLimitPolicy.class);
    private static final PolicyType TRANSFORM = PolicyType.of(TransformPolicy.class);
    private static final PolicyType REQUEST_SIZE = PolicyType.of(RequestSizePolicy.class);

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void everyPolicyTypeHasAFormWithInputsForEachComponent() {
        for (PolicyType type : PolicyType.all()) {
            List<PolicySchema.Field> fields = PolicySchema.fields(type);
            assertThat(fields).as(type.value()).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.path()).startsWith("config."));
        }
        assertThat(PolicySchema.fields(RATE_LIMIT)).extracting(PolicySchema.Field::path)
                .contains("config.limits[0].requests", "config.limits[2].window", "config.by", "config.header");
        assertThat(PolicySchema.fields(RATE_LIMIT)).filteredOn(f -> f.path().equals("config.by"))
                .singleElement().satisfies(f -> assertThat(f.options()).contains("consumer", "client-ip", "header"));
        assertThat(PolicySchema.fields(TRANSFORM)).extracting(PolicySchema.Field::path)
                .contains("config.request.add", "config.response.rename", "config.request.remove",
                        "config.pathRewrite.from");
    }

    @Test
    void inputsBecomeTheTypedConfigurationAndBack() {
        PolicyForm form = PolicyForm.submitted(RATE_LIMIT, Map.of("name", " limit ", "enabled", "true",
                "scope", "route", "route", "orders", "config.limits[1].requests", "10",
                "config.limits[1].window", "second", "config.limits[2].requests", "1000",
                "config.limits[2].window", "hour", "config.by", "client-ip"));
        PolicyRequest request = form.toRequest(mapper);
        assertThat(request.name()).isEqualTo("limit");
        assertThat(request.enabled()).isTrue();
        PolicyConfig config = mapper.treeToValue(request.config(), PolicyConfig.class);
        assertThat(config).isInstanceOf(RateLimitPolicy.class);
        assertThat(((RateLimitPolicy) config).limits()).hasSize(2);

        // The first filled row was sent as limits[0]; its error goes back to the row the admin used.
        form.reject(List.of(new Violation("config.limits[0].requests", "too many"),
                new Violation("route", "names no existing route"), new Violation("config", "odd")));
        assertThat(form.errors()).containsOnlyKeys("config.limits[1].requests", "route");
        assertThat(form.globalErrors()).containsExactly("config odd");

        PolicyView view = new PolicyView("id", "limit", true, "route", "rate-limit", null, "orders", null, null,
                null, "rid", null, null, config, Instant.EPOCH, Instant.EPOCH, 0);
        PolicyForm again = PolicyForm.of(view, mapper);
        assertThat(again.values()).containsEntry("config.limits[0].requests", "10")
                .containsEntry("config.limits[1].window", "hour").containsEntry("config.by", "client-ip")
                .containsEntry("route", "orders");
    }

    @Test
    void listsAndMapsAreOnePerLineAndTextInNumbersStaysForTheApiToName() {
        PolicyForm form = PolicyForm.submitted(TRANSFORM, Map.of("name", "t", "scope", "global",
                "config.request.set", "X-Env: prod\nX-Team:  shop \n", "config.request.remove", "Cookie\n\nX-Debug",
                "config.pathRewrite.from", "/v1/{id}", "config.pathRewrite.to", "/{id}"));
        TransformPolicy transform = (TransformPolicy) mapper.treeToValue(form.toRequest(mapper).config(),
                PolicyConfig.class);
        assertThat(transform.request().set()).containsEntry("X-Env", "prod").containsEntry("X-Team", "shop");
        assertThat(transform.request().remove()).containsExactly("Cookie", "X-Debug");
        assertThat(transform.pathRewrite().to()).isEqualTo("/{id}");
        assertThat(transform.response().isEmpty()).isTrue();

        PolicyForm size = PolicyForm.submitted(REQUEST_SIZE, Map.of("config.maxBytes", "lots"));
        assertThat(size.toRequest(mapper).config().get("maxBytes").asString()).isEqualTo("lots");
        size.reject(List.of(new Violation("config.request.set.X-Env", "x")));
        assertThat(size.globalErrors()).hasSize(1);
    }
}
