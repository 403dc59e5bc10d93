package dev.gatehouse.admin.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerFormTests {

    @Test
    void newConsumersAreActiveWithoutAPlan() {
        ConsumerForm form = new ConsumerForm();
        form.setName("mobile");
        assertThat(form.toRequest()).isEqualTo(new ConsumerRequest("mobile", null, "active", List.of(), null,
                List.of()));
    }

    @Test
    void requestCarriesEveryFieldWithListsSplit() {
        ConsumerForm form = new ConsumerForm();
        form.setName("mobile");
        form.setDescription("iOS app");
        form.setStatus("suspended");
        form.setGroups("partners, beta\ninternal");
        form.setPlan("pro");
        form.setTags("team-a");
        assertThat(form.toRequest()).isEqualTo(new ConsumerRequest("mobile", "iOS app", "suspended",
                List.of("partners", "beta", "internal"), "pro", List.of("team-a")));
    }

    @Test
    void editingStartsFromTheConsumerAsItIs() {
        ConsumerView view = new ConsumerView("id", "mobile", "iOS app", "active", List.of("a", "b"), "pro",
                List.of("t"), 2, Instant.EPOCH, Instant.EPOCH, 0);
        ConsumerForm form = ConsumerForm.from(view);
        assertThat(form.getGroups()).isEqualTo("a\nb");
        assertThat(form.toRequest()).isEqualTo(new ConsumerRequest("mobile", "iOS app", "active", List.of("a", "b"),
                "pro", List.of("t")));
    }

    @Test
    void violationsShowBesideTheirFields() {
        ConsumerForm form = new ConsumerForm();
        form.setTags("fine\nnot fine");
        assertThat(form.toFormField(new Violation("tags[1]", "must be a name")))
                .isEqualTo(new Violation("tags", "\u201cnot fine\u201d must be a name"));
        assertThat(form.toFormField(new Violation("groups[0]", "must not be blank")).field()).isEqualTo("groups");
        for (String field : List.of("name", "description", "status", "plan")) {
            assertThat(form.toFormField(new Violation(field, "bad")).field()).isEqualTo(field);
        }
        assertThat(form.toFormField(new Violation("id", "bad")).field()).isNull();
    }
}
