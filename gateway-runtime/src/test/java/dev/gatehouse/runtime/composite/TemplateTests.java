package dev.gatehouse.runtime.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import dev.gatehouse.runtime.composite.Template.Place;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Template expansion: where values come from, how each place encodes them, and what is refused. */
class TemplateTests {

    private static final Map<String, Integer> STEPS = Map.of("user", 0, "orders", 1);

    private final RequestInputs inputs = new RequestInputs(MockServerHttpRequest
            .method(HttpMethod.GET, URI.create("/shop/caf%C3%A9/42/?q=a%20b%26c&dots=..&empty="))
            .header("X-Tenant", "acme")
            .header("X-Bad", "one\u0007two")
            .build());
    private final JsonNode[] answers = {StepCaller.JSON.readTree("""
            {"id": "u/1 é", "n": 7, "ok": true, "none": null, "obj": {"a": 1}, "list": [1], "dot": ".",
             "a/b": "slash", "crlf": "x\\r\\nInjected: 1"}
            """), null};

    private String expand(String text, Place place) {
        StringBuilder out = new StringBuilder();
        Template.compile(text, place, STEPS).expand(inputs, answers, out);
        return out.toString();
    }

    @Test
    void pathSegmentsAreCopiedAsSentAndOtherValuesEncodedAsOneSegment() {
        assertThat(expand("/items/{path.1}/{path.2}", Place.PATH)).isEqualTo("/items/caf%C3%A9/42");
        assertThat(expand("/search/{query.q}", Place.PATH)).isEqualTo("/search/a%20b%26c");
        assertThat(expand("/users/{step.user/id}/n/{step.user/n}/{step.user/ok}", Place.PATH))
                .isEqualTo("/users/u%2F1%20%C3%A9/n/7/true");
        assertThat(expand("/escaped/{step.user/a~1b}", Place.PATH)).isEqualTo("/escaped/slash");
    }

    @Test
    void queryValuesAreEncodedAndAPathSegmentKeepsItsEscapes() {
        assertThat(expand("{query.q}", Place.QUERY)).isEqualTo("a%20b%26c");
        assertThat(expand("x y&{path.1}", Place.QUERY)).isEqualTo("x%20y%26caf%C3%A9");
        assertThat(expand("{step.user/id}", Place.QUERY)).isEqualTo("u%2F1%20%C3%A9");
    }

    @Test
    void headerValuesAreCopiedAsTheyAre() {
        assertThat(expand("Tenant {header.x-tenant} {path.1} {query.q}", Place.HEADER))
                .isEqualTo("Tenant acme caf%C3%A9 a b&c");
    }

    @Test
    void aMissingClientVariableIsNamed() {
        assertThatThrownBy(() -> expand("/{query.absent}", Place.PATH)).isInstanceOfSatisfying(
                ClientInputException.class, e -> {
                    assertThat(e.variable()).isEqualTo("{query.absent}");
                    assertThat(e.missing()).isTrue();
                });
        assertThatThrownBy(() -> expand("/{path.5}", Place.PATH)).isInstanceOfSatisfying(
                ClientInputException.class, e -> assertThat(e.variable()).isEqualTo("{path.5}"));
        // the empty segment of a trailing slash is no value either
        assertThatThrownBy(() -> expand("/{path.3}", Place.PATH)).isInstanceOf(ClientInputException.class);
        assertThatThrownBy(() -> expand("{header.X-Absent}", Place.HEADER)).isInstanceOfSatisfying(
                ClientInputException.class, e -> assertThat(e.variable()).isEqualTo("{header.X-Absent}"));
    }

    @Test
    void valuesThatWouldClimbOutOfThePathOrBreakAHeaderAreRefused() {
        assertThatThrownBy(() -> expand("/a/{query.dots}", Place.PATH)).isInstanceOfSatisfying(
                ClientInputException.class, e -> {
                    assertThat(e.missing()).isFalse();
                    assertThat(e.getMessage()).contains("{query.dots}", "path segment");
                });
        assertThatThrownBy(() -> expand("/a/{query.empty}", Place.PATH)).isInstanceOf(ClientInputException.class);
        assertThatThrownBy(() -> expand("{header.X-Bad}", Place.HEADER)).isInstanceOfSatisfying(
                ClientInputException.class, e -> assertThat(e.getMessage()).contains("control characters"));
        assertThatThrownBy(() -> expand("/a/{step.user/dot}", Place.PATH)).isInstanceOf(StepInputException.class);
        assertThatThrownBy(() -> expand("{step.user/crlf}", Place.HEADER)).isInstanceOfSatisfying(
                StepInputException.class, e -> assertThat(e.getMessage()).contains("{step.user/crlf}", "control"));
    }

    @Test
    void aStepValueMustBeAScalarAtItsPointer() {
        assertThatThrownBy(() -> expand("/{step.user/missing}", Place.PATH)).isInstanceOfSatisfying(
                StepInputException.class, e -> assertThat(e.getMessage())
                        .contains("{step.user/missing}", "has nothing at /missing"));
        assertThatThrownBy(() -> expand("/{step.user/obj}", Place.PATH)).isInstanceOfSatisfying(
                StepInputException.class, e -> assertThat(e.getMessage()).contains("an object at /obj"));
        assertThatThrownBy(() -> expand("/{step.user/list}", Place.PATH)).isInstanceOfSatisfying(
                StepInputException.class, e -> assertThat(e.getMessage()).contains("an array"));
        assertThatThrownBy(() -> expand("/{step.user/none}", Place.PATH)).isInstanceOfSatisfying(
                StepInputException.class, e -> assertThat(e.getMessage()).contains("null"));
        assertThatThrownBy(() -> expand("/{step.orders/id}", Place.PATH)).as("no answer from that step")
                .isInstanceOf(StepInputException.class);
    }

    @Test
    void aPathLiteralMustBeValidURLPathText() {
        assertThat(expand("/a%20b/{path.2}", Place.PATH)).isEqualTo("/a%20b/42");
        assertThatThrownBy(() -> Template.compile("/a b/{path.1}", Place.PATH, STEPS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> Template.compile("/a/{step.nobody/x}", Place.PATH, STEPS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no step");
    }
}
