package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteFormTests {

    @Test
    void textBoxesSplitAtLinesAndCommas() {
        assertThat(RouteForm.split(" /a\r\n/b, /c ,,\n\n")).containsExactly("/a", "/b", "/c");
        assertThat(RouteForm.split("bad path")).containsExactly("bad path");
        assertThat(RouteForm.split("  ")).isEmpty();
        assertThat(RouteForm.split(null)).isEmpty();
    }

    @Test
    void requestCarriesEveryField() {
        RouteForm form = new RouteForm();
        form.setName("r");
        form.setService("orders");
        form.setHosts("api.example.com");
        form.setPaths("/o\n/p");
        form.setPathMatch("exact");
        form.setMethods(List.of("GET"));
        form.setStripPrefix(true);
        form.setPriority(3);
        form.setEnabled(false);

        assertThat(form.toRequest()).isEqualTo(new RouteRequest("r", "orders", List.of("api.example.com"),
                List.of("/o", "/p"), "exact", List.of("GET"), true, 3, false));
    }

    @Test
    void listViolationsShowOnTheirTextBoxQuotingTheEntry() {
        RouteForm form = new RouteForm();
        form.setPaths("/ok\nno-slash");
        form.setHosts("a..b");

        assertThat(form.toFormField(new Violation("paths[1]", "must start with /")))
                .isEqualTo(new Violation("paths", "\u201cno-slash\u201d must start with /"));
        assertThat(form.toFormField(new Violation("hosts[0]", "must be a host name")).field()).isEqualTo("hosts");
        assertThat(form.toFormField(new Violation("paths", "must list at least one path")).field())
                .isEqualTo("paths");
        assertThat(form.toFormField(new Violation("service", "is required")).field()).isEqualTo("service");
        assertThat(form.toFormField(new Violation("id", "bad")).field()).isNull();
    }

    @Test
    void editingStartsFromTheRouteAsItIs() {
        RouteView view = new RouteView("id", "r", "orders", List.of("a.example.com", "b.example.com"),
                List.of("/x"), "prefix", List.of("GET", "POST"), true, 4, true, Instant.EPOCH, Instant.EPOCH);
        RouteForm form = RouteForm.from(view);
        assertThat(form.getHosts()).isEqualTo("a.example.com\nb.example.com");
        assertThat(form.toRequest()).isEqualTo(new RouteRequest("r", "orders", view.hosts(), view.paths(), "prefix",
                view.methods(), true, 4, true));
    }
}
