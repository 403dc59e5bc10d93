package dev.gatehouse.runtime.composite;

import static dev.gatehouse.runtime.composite.CompositeFixture.ORDERS;
import static dev.gatehouse.runtime.composite.CompositeFixture.USERS;
import static dev.gatehouse.runtime.support.Specs.composite;
import static dev.gatehouse.runtime.support.Specs.step;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The composite answer: nesting, merging, field selection and renaming, and the errors of optional steps. */
class AssemblyTests {

    private static JsonNode json(String text) {
        return StepCaller.JSON.readTree(text);
    }

    private static String assemble(CompiledComposite composite, StepOutcome... outcomes) {
        return StepCaller.JSON.writeValueAsString(Assembly.assemble(composite, outcomes));
    }

    @Test
    void answersAreNestedOrMergedInDeclaredOrder() {
        CompiledComposite composite = CompositeFixture.compile(composite(
                step("user", USERS, "/u"),
                step("extra", ORDERS, "/e").merge(),
                step("late", ORDERS, "/l").merge()));

        String answer = assemble(composite,
                StepOutcome.answered(0, json("{\"id\": 1}")),
                StepOutcome.answered(1, json("{\"a\": 1, \"b\": 2}")),
                StepOutcome.answered(2, json("{\"b\": 3, \"user\": \"replaced\"}")));

        assertThat(answer).isEqualTo("{\"user\":\"replaced\",\"a\":1,\"b\":3}");
    }

    @Test
    void fieldsKeepOnlyTheirPointersUnderTheirNamesAndAbsentOnesAreLeftOut() {
        CompiledComposite composite = CompositeFixture.compile(composite(
                step("product", USERS, "/p").field("/price/amount", "price").field("/name", null)
                        .field("/missing/deep", "gone"),
                step("stock", ORDERS, "/s").merge().field("/count", "inStock")));

        String answer = assemble(composite,
                StepOutcome.answered(0, json("{\"name\": \"kettle\", \"price\": {\"amount\": 12.5}, \"x\": 1}")),
                StepOutcome.answered(1, json("{\"count\": 4, \"y\": 2}")));

        assertThat(answer).isEqualTo("{\"product\":{\"price\":12.5,\"name\":\"kettle\"},\"inStock\":4}");
    }

    @Test
    void failedOptionalStepsAreListedInErrors() {
        CompiledComposite composite = CompositeFixture.compile(composite(
                step("user", USERS, "/u"),
                step("reviews", ORDERS, "/r").optional(),
                step("tips", ORDERS, "/t").optional().dependsOn("reviews")));

        StepOutcome[] outcomes = {
            StepOutcome.answered(0, json("{\"id\": 1}")),
            StepOutcome.failed(1, StepOutcome.Kind.FAILED, 503, "answered 503"),
            StepOutcome.failed(2, StepOutcome.Kind.SKIPPED, 0, "depends on failed step 'reviews'")};

        assertThat(assemble(composite, outcomes)).isEqualTo("{\"user\":{\"id\":1},\"errors\":["
                + "{\"step\":\"reviews\",\"reason\":\"answered 503\",\"status\":503},"
                + "{\"step\":\"tips\",\"reason\":\"depends on failed step 'reviews'\",\"status\":502}]}");
        assertThat(Assembly.isPartial(outcomes)).isTrue();
        assertThat(Assembly.isPartial(new StepOutcome[] {outcomes[0]})).isFalse();
    }

    @Test
    void dependenciesAreCompiledInOrderWithTheirServices() {
        CompiledComposite composite = CompositeFixture.compile(composite(
                step("orders", ORDERS, "/orders/{step.user/id}").dependsOn("user"),
                step("user", USERS, "/users/{path.1}").passBody().method("POST").timeoutMs(500)));

        assertThat(composite.order()).containsExactly(1, 0);
        assertThat(composite.dependsOn()[0]).containsExactly(1);
        assertThat(composite.bodyStep()).isEqualTo(1);
        CompiledStep user = composite.step(1);
        assertThat(user.basePath()).isEqualTo("/base");
        assertThat(user.method().name()).isEqualTo("POST");
        assertThat(user.timeout().toMillis()).isEqualTo(500);
        assertThat(user.responseTimeout().toMillis()).isEqualTo(30_000);
        assertThat(composite.step(0).timeout().isZero()).as("0: the route's deadline").isTrue();
        assertThat(composite.inputs()).singleElement().satisfies(input -> {
            assertThat(Template.variable(input.part())).isEqualTo("{path.1}");
            assertThat(input.step()).isEqualTo("user");
        });
    }
}
