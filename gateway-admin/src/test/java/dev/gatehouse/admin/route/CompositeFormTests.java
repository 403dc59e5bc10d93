package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import dev.gatehouse.config.composite.StepField;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompositeFormTests {

    private static final CompositeRequest PRODUCT_PAGE = new CompositeRequest(2_000, 1_024, 4_096, List.of(
            new StepRequest("product", "catalogue", "GET", "/products/{path.1}", Map.of(), Map.of(), false,
                    List.of(), 0, true, "merge", List.of(new StepField("/id", null), new StepField("/title", "name"))),
            new StepRequest("price", "pricing", "GET", "/prices/{path.1}",
                    // In name order, as the API shows them.
                    new TreeMap<>(Map.of("currency", "{query.currency}", "seller", "{step.product/sellerId}")),
                    Map.of("X-Request-Id", "{header.X-Request-Id}"), false, List.of("product"), 500, false, "nest",
                    List.of())));

    @Test
    void aCompositeRouteRoundTripsThroughTheForm() {
        RouteView view = new RouteView("id", "page", "composite", null, List.of(), List.of("/page"), "prefix",
                List.of(), false, 0, true, null, null, "none", List.of(), List.of(), null, null, PRODUCT_PAGE, 3);
        RouteForm form = RouteForm.from(view);
        assertThat(form.getKind()).isEqualTo("composite");
        assertThat(form.getComposite().getSteps().get(0).getFields()).isEqualTo("/id\n/title as name");
        assertThat(form.getComposite().getSteps().get(1).getQuery())
                .isEqualTo("currency={query.currency}\nseller={step.product/sellerId}");

        RouteRequest request = form.toRequest(view);
        assertThat(request.kind()).isEqualTo("composite");
        assertThat(request.service()).isNull();
        // A timeout of 0 (the route's deadline) shows as a blank box and goes back as absent, which means the same.
        StepRequest product = PRODUCT_PAGE.steps().get(0);
        assertThat(request.composite()).isEqualTo(new CompositeRequest(2_000, 1_024, 4_096, List.of(
                new StepRequest(product.name(), product.service(), product.method(), product.path(), product.query(),
                        product.headers(), product.passBody(), product.dependsOn(), null, product.required(),
                        product.placement(), product.fields()),
                PRODUCT_PAGE.steps().get(1))));
        assertThat(form.lineProblems()).isEmpty();
    }

    @Test
    void aProxyRouteSendsNoStepsWhateverTheEditorHolds() {
        RouteForm form = new RouteForm();
        form.setService("orders");
        form.getComposite().getSteps().get(0).setQuery("not a pair");
        RouteRequest request = form.toRequest();
        assertThat(request.kind()).isEqualTo("proxy");
        assertThat(request.service()).isEqualTo("orders");
        assertThat(request.composite()).isNull();
        assertThat(form.lineProblems()).isEmpty();
    }

    @Test
    void unreadableLinesAreReportedOnTheirBox() {
        RouteForm form = new RouteForm();
        form.setKind("composite");
        StepForm step = form.getComposite().getSteps().get(0);
        step.setQuery("a=1\nb");
        step.setHeaders("X-A: 1\nX-A: 2");
        assertThat(form.lineProblems()).containsExactly(
                new Violation("composite.steps[0].query", "\u201cb\u201d must be written name=template"),
                new Violation("composite.steps[0].headers", "\u201cX-A\u201d is given twice"));
    }

    @Test
    void violationsOfTheStepsShowOnTheirInputs() {
        RouteForm form = RouteForm.from(new RouteView("id", "page", "composite", null, List.of(), List.of("/p"),
                "prefix", List.of(), false, 0, true, null, null, "none", List.of(), List.of(), null, null,
                PRODUCT_PAGE, 0));
        assertThat(form.toFormField(new Violation("composite.steps[1].path", "bad")))
                .isEqualTo(new Violation("composite.steps[1].path", "bad"));
        assertThat(form.toFormField(new Violation("composite.steps[1].query.seller", "bad")))
                .isEqualTo(new Violation("composite.steps[1].query", "\u201cseller\u201d bad"));
        assertThat(form.toFormField(new Violation("composite.steps[1].headers.X-Request-Id", "bad")))
                .isEqualTo(new Violation("composite.steps[1].headers", "\u201cX-Request-Id\u201d bad"));
        assertThat(form.toFormField(new Violation("composite.steps[0].fields[1].as", "bad")))
                .isEqualTo(new Violation("composite.steps[0].fields", "\u201c/title as name\u201d (as) bad"));
        assertThat(form.toFormField(new Violation("composite.steps[1].dependsOn[0]", "bad")))
                .isEqualTo(new Violation("composite.steps[1].dependsOn", "\u201cproduct\u201d bad"));
        assertThat(form.toFormField(new Violation("composite.steps[1].dependsOn", "must list 'x'")))
                .isEqualTo(new Violation("composite.steps[1].dependsOn", "must list 'x'"));
        for (String field : List.of("kind", "composite", "composite.steps", "composite.deadlineMs",
                "composite.steps[0].name", "composite.steps[0].service", "composite.steps[0].timeoutMs",
                "composite.steps[0].placement", "composite.steps[0].passBody")) {
            assertThat(form.toFormField(new Violation(field, "bad")).field()).as(field).isEqualTo(field);
        }
        // A step the form does not have, or a part of a step it has no input for, goes on top of the form.
        assertThat(form.toFormField(new Violation("composite.steps[5].path", "bad")).field()).isNull();
        assertThat(form.toFormField(new Violation("composite.steps[0]", "must not be null")).field()).isNull();
    }

    @Test
    void stepsAreAddedUpToTheLimitAndRemovedByIndex() {
        CompositeForm form = new CompositeForm();
        assertThat(form.getSteps()).hasSize(1);
        for (int i = 0; i < 20; i++) {
            form.addStep();
        }
        assertThat(form.getSteps()).hasSize(dev.gatehouse.config.composite.CompositeSpec.MAX_STEPS);
        form.getSteps().get(3).setName("fourth");
        form.removeStep(2);
        form.removeStep(99);
        assertThat(form.getSteps()).hasSize(dev.gatehouse.config.composite.CompositeSpec.MAX_STEPS - 1);
        assertThat(form.getSteps().get(2).getName()).isEqualTo("fourth");
    }
}
