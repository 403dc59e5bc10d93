package dev.gatehouse.admin.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceFormTests {

    @Test
    void blankRowsAreLeftOutOfTheRequestAndDroppedBeforeSaving() {
        ServiceForm form = new ServiceForm();
        form.setName("orders");
        form.setTargets(List.of(target("10.0.0.1", 80, null), new ServiceForm.Target(),
                target("10.0.0.2", 81, 5)));

        assertThat(form.toRequest().targets()).containsExactly(new TargetRequest("10.0.0.1", 80, null),
                new TargetRequest("10.0.0.2", 81, 5));
        form.dropBlankTargets();
        assertThat(form.getTargets()).extracting(ServiceForm.Target::getHost).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void paddingKeepsRowsInPlaceAndAddsAtLeastOneBlankRow() {
        ServiceForm form = new ServiceForm();
        form.padTargets();
        assertThat(form.getTargets()).hasSize(ServiceForm.MIN_ROWS);

        ServiceForm full = ServiceForm.from(view(List.of(new TargetSpec("a", 1, 1), new TargetSpec("b", 2, 2),
                new TargetSpec("c", 3, 3))));
        full.padTargets();
        assertThat(full.getTargets()).hasSize(4);
        assertThat(full.getTargets().get(2).getHost()).isEqualTo("c");
    }

    @Test
    void violationsOfTheApiMapToFormFields() {
        ServiceForm form = new ServiceForm();
        form.setTargets(List.of(target("a", 1, null), target("a", 1, null)));

        assertThat(form.toFormField(new Violation("targets[1].port", "bad")))
                .isEqualTo(new Violation("targets[1].port", "bad"));
        assertThat(form.toFormField(new Violation("targets[1]", "duplicates another target")))
                .isEqualTo(new Violation("targets[1].host", "duplicates another target"));
        assertThat(form.toFormField(new Violation("targets", "must list at least one target")).field())
                .isEqualTo("targets");
        assertThat(form.toFormField(new Violation("targets[7].host", "bad")).field()).isNull();
        assertThat(form.toFormField(new Violation("basePath", "bad")).field()).isEqualTo("basePath");
        assertThat(form.toFormField(new Violation("id", "bad")).field()).isNull();
    }

    @Test
    void editingStartsFromTheServiceAsItIs() {
        ServiceForm form = ServiceForm.from(view(List.of(new TargetSpec("10.0.0.9", 8443, 7))));
        ServiceRequest request = form.toRequest();
        assertThat(request).isEqualTo(new ServiceRequest("orders", List.of(new TargetRequest("10.0.0.9", 8443, 7)),
                "https", "/v1", 1000, 2000, new BalancingFields("round_robin", null, null, null)));
    }

    @Test
    void hashFieldsCountOnlyForAConsistentHashAndTheirErrorsShowBesideThem() {
        ServiceForm form = ServiceForm.from(view(List.of(new TargetSpec("10.0.0.9", 8443, 7))));
        form.setBalancingHashOn("header");
        form.setBalancingHashKey("X-User");
        form.setBalancingBoundedLoad(2.0);
        assertThat(form.toRequest().balancing()).isEqualTo(new BalancingFields("round_robin", null, null, null));

        form.setBalancingAlgorithm("consistent_hash");
        form.setBalancingHashKey(" X-User ");
        assertThat(form.toRequest().balancing()).isEqualTo(new BalancingFields("consistent_hash", "header", "X-User",
                2.0));
        form.setBalancingHashOn("");
        assertThat(form.toRequest().balancing().hashOn()).isNull();

        assertThat(form.toFormField(new Violation("balancing.hashKey", "bad")).field()).isEqualTo("balancingHashKey");
        assertThat(form.toFormField(new Violation("balancing.boundedLoad", "bad")).field())
                .isEqualTo("balancingBoundedLoad");
        assertThat(form.toFormField(new Violation("balancing.algorithm", "bad")).field())
                .isEqualTo("balancingAlgorithm");
        assertThat(form.toFormField(new Violation("balancing.hashOn", "bad")).field()).isEqualTo("balancingHashOn");
    }

    private static ServiceForm.Target target(String host, Integer port, Integer weight) {
        ServiceForm.Target target = new ServiceForm.Target();
        target.setHost(host);
        target.setPort(port);
        target.setWeight(weight);
        return target;
    }

    private static ServiceView view(List<TargetSpec> targets) {
        return new ServiceView("id-1", "orders", targets, "https", "/v1", 1000, 2000, Instant.EPOCH, Instant.EPOCH,
                0);
    }
}
