package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.StrictJson;
import dev.gatehouse.config.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reading documents: the version, known kinds, strict binding to the request records, names, all errors at once. */
class DocumentReaderTests {

    private final JsonMapper api = StrictJson.apply(JsonMapper.builder())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final DocumentReader reader = new DocumentReader(api);
    private final DocumentFormat format = new DocumentFormat(1 << 20);

    private DocumentReader.Parsed read(String yaml) {
        return reader.read(format.read(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.Kind.YAML));
    }

    private List<Violation> errors(String yaml) {
        try {
            read(yaml);
        } catch (DocumentInvalidException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void splitsADocumentIntoItsObjectsAndListedKinds() {
        DocumentReader.Parsed parsed = read("""
                gatehouse: 1
                services:
                  - {name: a, targets: [{host: h, port: 1}]}
                routes:
                  - {name: r, service: a, paths: [/r]}
                consumers: []
                """);
        assertThat(parsed.objects()).extracting(FileObject::path).containsExactly("services[0]", "routes[0]");
        assertThat(parsed.objects()).extracting(FileObject::name).containsExactly("a", "r");
        assertThat(parsed.listed()).containsExactlyInAnyOrder(DocumentKind.SERVICES, DocumentKind.ROUTES,
                DocumentKind.CONSUMERS);
    }

    @Test
    void everyProblemIsNamedByItsPathInTheFile() {
        List<Violation> errors = errors("""
                gatehouse: 1
                services:
                  - {name: a, targets: [{host: h, port: "80"}]}
                  - {name: b, targets: [{host: h, port: 1}], colour: red}
                routes:
                  - {name: r, service: a, pathz: [/r]}
                  - {service: a, paths: [/r]}
                  - {name: r, service: a, paths: [/r2]}
                  - 5
                plans: {}
                widgets: []
                """);
        assertThat(errors).extracting(Violation::field).containsExactly("services[0].targets[0].port",
                "services[1].colour", "routes[0].pathz", "routes[1].name", "routes[2].name", "routes[3]", "plans",
                "widgets");
        assertThat(errors.get(0).message()).isEqualTo("must be a number");
        assertThat(errors.get(2).message()).isEqualTo("is not a known field");
        assertThat(errors.get(4).message()).isEqualTo("'r' is given twice (also routes[0])");
    }

    @Test
    void theFormatVersionIsRequiredAndOnlyOneIsRead() {
        assertThat(errors("services: []\n")).extracting(Violation::field).containsExactly("gatehouse");
        assertThat(errors("gatehouse: 2\n")).extracting(Violation::message)
                .containsExactly("must be 1, the only format version this admin reads");
        assertThat(errors("gatehouse: '1'\n")).extracting(Violation::field).containsExactly("gatehouse");
        assertThat(errors("- 1\n")).extracting(Violation::field).containsExactly(DocumentReader.WHOLE);
    }

    @Test
    void nullFieldsAreLeftOutOfTheForm() {
        DocumentReader.Parsed parsed = read("""
                gatehouse: 1
                services:
                  - {name: a, basePath: null, targets: [{host: h, port: 1, weight: null}]}
                """);
        assertThat(parsed.objects().get(0).form().toString())
                .isEqualTo("{\"name\":\"a\",\"targets\":[{\"host\":\"h\",\"port\":1}]}");
    }
}
