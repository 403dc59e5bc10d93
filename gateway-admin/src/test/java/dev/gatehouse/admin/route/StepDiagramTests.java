package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepDiagramTests {

    @Test
    void stepsAreColumnsByDependencyLevelWithAnArrowPerDependency() {
        StepDiagram diagram = StepDiagram.of(new CompositeRequest(null, null, null, List.of(
                step("product", "catalogue", List.of(), true),
                step("stock", "stock", List.of(), false),
                step("price", "pricing", List.of("product"), true),
                step("delivery", "stock", List.of("price", "stock"), true))));

        assertThat(diagram.boxes()).extracting(StepDiagram.Box::name, StepDiagram.Box::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("product", 0),
                        org.assertj.core.groups.Tuple.tuple("stock", 0),
                        org.assertj.core.groups.Tuple.tuple("price", 1),
                        org.assertj.core.groups.Tuple.tuple("delivery", 2));
        StepDiagram.Box stock = diagram.boxes().get(1);
        assertThat(stock.required()).isFalse();
        assertThat(stock.y()).isGreaterThan(diagram.boxes().get(0).y());
        assertThat(diagram.boxes().get(3).x()).isGreaterThan(diagram.boxes().get(2).x());
        assertThat(diagram.arrows()).extracting(StepDiagram.Arrow::from, StepDiagram.Arrow::to)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("product", "price"),
                        org.assertj.core.groups.Tuple.tuple("price", "delivery"),
                        org.assertj.core.groups.Tuple.tuple("stock", "delivery"));
        assertThat(diagram.width()).isEqualTo(2 * StepDiagram.PADDING + 3 * StepDiagram.BOX_WIDTH
                + 2 * StepDiagram.GAP_X);
        assertThat(diagram.height()).isEqualTo(2 * StepDiagram.PADDING + 2 * StepDiagram.BOX_HEIGHT
                + StepDiagram.GAP_Y);
        // Every box lies inside the drawing.
        assertThat(diagram.boxes()).allSatisfy(box -> {
            assertThat(box.x() + StepDiagram.BOX_WIDTH).isLessThanOrEqualTo(diagram.width());
            assertThat(box.y() + StepDiagram.BOX_HEIGHT).isLessThanOrEqualTo(diagram.height());
        });
    }

    @Test
    void aStepSitsBesideTheStepsItWaitsForAndLongTextIsShortened() {
        StepDiagram diagram = StepDiagram.of(new CompositeRequest(null, null, null, List.of(
                step("a", "s", List.of(), true),
                step("b", "a-service-with-a-rather-long-name", List.of(), true),
                step("after-b", "s", List.of("b"), true),
                step("after-a", "s", List.of("a"), true))));

        assertThat(diagram.boxes()).filteredOn(box -> box.level() == 1).extracting(StepDiagram.Box::name)
                .containsExactly("after-a", "after-b");
        StepDiagram.Box b = diagram.boxes().get(1);
        assertThat(b.service()).hasSize(StepDiagram.MAX_TEXT).endsWith("\u2026");
        assertThat(b.title()).contains("a-service-with-a-rather-long-name");
    }

    private static StepRequest step(String name, String service, List<String> dependsOn, boolean required) {
        return new StepRequest(name, service, null, "/" + name, null, null, null, dependsOn, null, required, null,
                null);
    }
}
