package dev.gatehouse.admin.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFormsTests {

    @Test
    void anEmptyIssueFormAsksForAnUnrestrictedKeyThatNeverExpires() {
        assertThat(new IssueKeyForm().toRequest()).isEqualTo(new IssueKeyRequest(null, null));
    }

    @Test
    void expiryIsReadAsUtcAndScopesAreCollected() {
        IssueKeyForm form = new IssueKeyForm();
        form.setExpiresAt(LocalDateTime.parse("2031-05-06T07:08"));
        form.setRoutes(List.of("orders-api"));
        form.setTags("public, beta");

        assertThat(form.toRequest()).isEqualTo(new IssueKeyRequest(Instant.parse("2031-05-06T07:08:00Z"),
                new ScopesRequest(List.of("orders-api"), List.of(), List.of("public", "beta"))));
    }

    @Test
    void issueViolationsShowBesideTheirFields() {
        IssueKeyForm form = new IssueKeyForm();
        form.setServices(List.of("a", "b"));
        assertThat(form.toFormField(new Violation("expiresAt", "must be in the future")).field())
                .isEqualTo("expiresAt");
        assertThat(form.toFormField(new Violation("scopes.services[1]", "names no service")))
                .isEqualTo(new Violation("services", "\u201cb\u201d names no service"));
        assertThat(form.toFormField(new Violation("scopes.routes[0]", "names no route")).field()).isEqualTo("routes");
        assertThat(form.toFormField(new Violation("scopes.tags[0]", "bad")).field()).isEqualTo("tags");
        assertThat(form.toFormField(new Violation("consumer", "bad")).field()).isNull();
    }

    @Test
    void graceIsTypedInHoursAndSentInSeconds() {
        RotateKeyForm form = new RotateKeyForm();
        assertThat(form.getGracePeriodHours()).isEqualTo(24);
        assertThat(form.toRequest()).isEqualTo(new RotateKeyRequest(86_400));
        form.setGracePeriodHours(0);
        assertThat(form.toRequest()).isEqualTo(new RotateKeyRequest(0));
        form.setGracePeriodHours(null);
        assertThat(form.toRequest()).isEqualTo(new RotateKeyRequest(null));
    }

    @Test
    void graceOutsideThirtyDaysIsCaughtBeforeTheApi() {
        RotateKeyForm form = new RotateKeyForm();
        form.setGracePeriodHours(720);
        assertThat(form.isOutOfRange()).isFalse();
        form.setGracePeriodHours(721);
        assertThat(form.isOutOfRange()).isTrue();
        form.setGracePeriodHours(-1);
        assertThat(form.isOutOfRange()).isTrue();
        assertThat(form.toFormField(new Violation("gracePeriodSeconds", "bad")).field())
                .isEqualTo("gracePeriodHours");
    }
}
