package dev.gatehouse.config.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.Violations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompositeSpecTests {

    static CompositeStep step(String name, String path, String... dependsOn) {
        return new CompositeStep(name, "s1", null, path, null, null, false, List.of(dependsOn), 0, true, null,
                null);
    }

    static List<Violation> violations(CompositeSpec spec) {
        Violations v = new Violations();
        spec.validate(v);
        return v.list();
    }

    @Test
    void aProductPageIsValidAndLevelled() {
        CompositeSpec spec = new CompositeSpec(List.of(
                step("catalogue", "/products/{path.1}"),
                step("price", "/prices/{path.1}"),
                step("seller", "/sellers/{step.catalogue/sellerId}", "catalogue")), 0, 0, 0);
        assertThat(violations(spec)).isEmpty();
        assertThat(spec.deadlineMs()).isEqualTo(CompositeSpec.DEFAULT_DEADLINE_MS);
        assertThat(spec.levels()).extracting(level -> level.stream().map(CompositeStep::name).toList())
                .containsExactly(List.of("catalogue", "price"), List.of("seller"));
    }

    @Test
    void aCycleIsRefusedAndNamed() {
        CompositeSpec spec = new CompositeSpec(List.of(step("a", "/a", "c"), step("b", "/b", "a"),
                step("c", "/c", "b")), 0, 0, 0);
        assertThat(violations(spec)).extracting(Violation::field, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("steps",
                        "have a dependency cycle: a → c → b → a"));
    }

    @Test
    void dependenciesMustNameStepsAndCoverTheTemplates() {
        CompositeSpec spec = new CompositeSpec(List.of(step("a", "/a", "a", "nope"),
                step("b", "/b/{step.a/id}")), 0, 0, 0);
        assertThat(violations(spec)).extracting(Violation::field).containsExactly(
                "steps[0].dependsOn[0]", "steps[0].dependsOn[1]", "steps[1].dependsOn");
    }

    @Test
    void stepsAreCheckedFieldByField() {
        CompositeStep bad = new CompositeStep("Bad Name", null, "FETCH", "products", Map.of("q", "${x}"),
                Map.of("Host", "h", "X-Ok", "{header.X-Country}"), false, null, 20_000, false, Placement.MERGE,
                List.of(new StepField("price", null), new StepField("/errors", null)));
        CompositeSpec spec = new CompositeSpec(List.of(bad), 10_000, 0, 0);
        assertThat(violations(spec)).extracting(Violation::field).containsExactlyInAnyOrder(
                "steps[0].name", "steps[0].service", "steps[0].method", "steps[0].path", "steps[0].query.q",
                "steps[0].headers.Host", "steps[0].timeoutMs", "steps[0].fields[0].pointer",
                "steps[0].fields[1].as");
    }

    @Test
    void limitsAndCountsAreBounded() {
        List<CompositeStep> many = java.util.stream.IntStream.range(0, CompositeSpec.MAX_STEPS + 1)
                .mapToObj(i -> step("s" + i, "/x")).toList();
        assertThat(violations(new CompositeSpec(many, 0, 0, 0))).extracting(Violation::field)
                .containsExactly("steps");
        assertThat(violations(new CompositeSpec(List.of(step("a", "/a")), -1, CompositeSpec.MAX_BYTES + 1, -5)))
                .extracting(Violation::field)
                .containsExactly("deadlineMs", "maxStepResponseBytes", "maxResponseBytes");
        assertThat(violations(new CompositeSpec(List.of(), 0, 0, 0))).extracting(Violation::field)
                .containsExactly("steps");
    }

    @Test
    void onlyOneStepReceivesTheBody() {
        CompositeStep a = new CompositeStep("a", "s1", "POST", "/a", null, null, true, null, 0, true, null, null);
        CompositeStep b = new CompositeStep("b", "s1", "POST", "/b", null, null, true, null, 0, true, null, null);
        assertThat(violations(new CompositeSpec(List.of(a, b), 0, 0, 0))).extracting(Violation::field)
                .containsExactly("steps[1].passBody");
    }

    @Test
    void selectedNamesMustBeUniqueWithinAStep() {
        CompositeStep a = new CompositeStep("a", "s1", null, "/a", null, null, false, null, 0, true, null,
                List.of(new StepField("/x/id", null), new StepField("/y/id", null), new StepField("/y/id", "yid")));
        assertThat(violations(new CompositeSpec(List.of(a), 0, 0, 0))).extracting(Violation::field)
                .containsExactly("steps[0].fields[1].as");
    }

    @Test
    void roundTripsThroughTheContractJson() {
        CompositeSpec spec = new CompositeSpec(List.of(new CompositeStep("price", "s1", "GET", "/p/{path.1}",
                Map.of("currency", "{query.cur}"), Map.of("X-Trace", "t"), false, null, 500, false,
                Placement.MERGE, List.of(new StepField("/amount", "price")))), 2_000, 1_000, 2_000);
        ConfigJson contract = new ConfigJson();
        String json = contract.writeString(spec);
        assertThat(json).contains("\"placement\":\"merge\"");
        assertThat(contract.read(json, CompositeSpec.class)).isEqualTo(spec);
    }

    @Test
    void aCompositeRouteKeepsItsStepsOnTheWire() {
        CompositeSpec spec = new CompositeSpec(List.of(step("a", "/a")), 0, 0, 0);
        dev.gatehouse.config.RouteSpec route = new dev.gatehouse.config.RouteSpec("r1", "page", null, List.of(),
                List.of("/page"), null, List.of(), false, 0, true, dev.gatehouse.config.AuthMode.NONE, List.of(),
                List.of(), null, null, spec);
        ConfigJson contract = new ConfigJson();
        String json = contract.writeString(route);
        assertThat(json).contains("\"composite\":{").doesNotContain("\"composite\":true");
        assertThat(contract.read(json, dev.gatehouse.config.RouteSpec.class)).isEqualTo(route);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/products/{path.1}|2",
            "/p?x={query.id}&y={header.X-Country}|4",
            "{step.catalogue/seller~1id/0}|1",
            "plain text|1"})
    void templatesParse(String text, int parts) {
        assertThat(ValueTemplate.parse(text).parts()).hasSize(parts);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/a/{path.32}|path segment index",
            "/a/{path.x}|path segment index",
            "/a/{nope}|is not a variable",
            "/a/{env.HOME}|is not a variable",
            "/a/${query.x}|expressions",
            "/a/#{query.x}|expressions",
            "/a/{query.x|without a matching }",
            "/a/}|without a matching {",
            "{step.a}|{step.name/json-pointer}",
            "{step.a/x~2}|the pointer uses ~",
            "{header.Bad Name}|valid HTTP header name"})
    void badTemplatesSayWhy(String text, String message) {
        assertThatThrownBy(() -> ValueTemplate.parse(text)).hasMessageContaining(message);
    }

    @Test
    void pointersFollowRfc6901() {
        assertThat(JsonPointers.tokens("/a~1b/~0c/0")).containsExactly("a/b", "~c", "0");
        assertThat(JsonPointers.problem("a/b")).contains("starting with /");
        assertThat(JsonPointers.problem("")).isNull();
        assertThat(new StepField("/price/amount", null).name()).isEqualTo("amount");
    }
}
