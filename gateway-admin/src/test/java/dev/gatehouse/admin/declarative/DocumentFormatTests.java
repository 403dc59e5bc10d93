package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** YAML and JSON reading and writing: strictness, YAML's references refused, values surviving a round trip. */
class DocumentFormatTests {

    private final DocumentFormat format = new DocumentFormat(1 << 20);

    private JsonNode yaml(String text) {
        return format.read(text.getBytes(StandardCharsets.UTF_8), DocumentFormat.Kind.YAML);
    }

    private static String problem(Runnable read) {
        try {
            read.run();
        } catch (DocumentInvalidException e) {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo(DocumentReader.WHOLE);
            return e.errors().get(0).message();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void anchorsAliasesAndTagsAreRefused() {
        assertThat(problem(() -> yaml("a: &x 1\nb: *x\n"))).contains("alias")
                .contains("anchors, aliases and tags are not supported");
        assertThat(problem(() -> yaml("a: [1]\nb: *x\n"))).contains("alias");
        assertThat(problem(() -> yaml("a: !!str 1\n"))).contains("a tag");
        assertThat(problem(() -> yaml("a: !custom 1\n"))).contains("a tag");
    }

    @Test
    void aKeyGivenTwiceAndMalformedTextAreRefused() {
        assertThat(problem(() -> yaml("a: 1\na: 2\n"))).contains("is not valid YAML");
        assertThat(problem(() -> yaml("a: [1\n"))).contains("is not valid YAML").contains("line");
        assertThat(problem(() -> format.read("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
                DocumentFormat.Kind.JSON))).contains("is not valid JSON");
    }

    @Test
    void awkwardStringsSurviveAYamlRoundTrip() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        var values = document.putArray("values");
        for (String value : new String[]{"[redacted]", "true", "80", "yes", "no", "*.example.com", "", "a: b",
                "# not a comment", "null", "~", "multi\nline", "{header.X-Api-Key}", "0x10", "1e3"}) {
            values.add(value);
        }
        document.put("number", 80).put("flag", true);
        byte[] written = format.write(document, DocumentFormat.Kind.YAML);
        assertThat(yaml(new String(written, StandardCharsets.UTF_8))).isEqualTo(document);
        assertThat(new String(written, StandardCharsets.UTF_8)).doesNotStartWith("---");
        byte[] json = format.write(document, DocumentFormat.Kind.JSON);
        assertThat(format.read(json, DocumentFormat.Kind.JSON)).isEqualTo(document);
    }

    @Test
    void theContentTypeNamesTheFormat() {
        assertThat(DocumentFormat.of(MediaType.parseMediaType("application/yaml"))).isEqualTo(DocumentFormat.Kind.YAML);
        assertThat(DocumentFormat.of(MediaType.parseMediaType("text/yaml; charset=utf-8")))
                .isEqualTo(DocumentFormat.Kind.YAML);
        assertThat(DocumentFormat.of(MediaType.parseMediaType("application/x-yaml"))).isEqualTo(DocumentFormat.Kind.YAML);
        assertThat(DocumentFormat.of(MediaType.APPLICATION_JSON)).isEqualTo(DocumentFormat.Kind.JSON);
        assertThat(DocumentFormat.of(MediaType.TEXT_PLAIN)).isNull();
        assertThat(DocumentFormat.of(null)).isNull();
    }
}
