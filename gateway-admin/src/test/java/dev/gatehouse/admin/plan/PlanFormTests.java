package dev.gatehouse.admin.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanFormTests {

    @Test
    void roundTripsAPlan() {
        PlanForm form = PlanForm.from(new PlanView("id", "pro", "More calls", java.util.List.of(), java.util.List.of(), 3, Instant.EPOCH, Instant.EPOCH, 0));
        assertThat(form.toRequest()).isEqualTo(new PlanRequest("pro", "More calls", java.util.List.of(), java.util.List.of()));
    }

    @Test
    void violationsShowBesideTheirFields() {
        PlanForm form = new PlanForm();
        assertThat(form.toFormField(new Violation("name", "bad")).field()).isEqualTo("name");
        assertThat(form.toFormField(new Violation("description", "bad")).field()).isEqualTo("description");
        assertThat(form.toFormField(new Violation("id", "bad")).field()).isNull();
    }
}
