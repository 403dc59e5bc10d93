package dev.gatehouse.admin.declarative;

import dev.gatehouse.config.StrictJson;
import dev.gatehouse.config.Violation;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads and writes configuration documents as YAML or JSON (one tree, two spellings). Reading is strict: a key
 * given twice is an error, and YAML's anchors, aliases and tags are refused (a configuration has no use for them,
 * and aliases are the way a small YAML file expands into a huge tree). Jackson's YAML parser never expands an
 * alias by itself; refusing them also keeps one from being read as the plain string it would otherwise become.
 */
final class DocumentFormat {

    /** The document formats. */
    enum Kind {
        YAML, JSON
    }

    /** Media types a YAML document may be sent as. */
    static final List<String> YAML_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml");

    private final YAMLMapper yaml;
    private final JsonMapper json;

    /** @param maxBytes the largest document read (SnakeYAML's own limit counts code points; set it to match) */
    DocumentFormat(long maxBytes) {
        LoadSettings load = LoadSettings.builder().setAllowDuplicateKeys(false)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes)).build();
        YAMLFactory factory = YAMLFactory.builder().loadSettings(load)
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                // Every string quoted: with quotes minimised, "80" or "1e3" came back as numbers.
                .disable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .build();
        this.yaml = YAMLMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.json = StrictJson.apply(JsonMapper.builder()).enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** The format of a request body's content type, or null when it is neither. */
    static Kind of(MediaType type) {
        if (type == null) {
            return null;
        }
        String essence = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (YAML_TYPES.contains(essence)) {
            return Kind.YAML;
        }
        return essence.equals("application/json") ? Kind.JSON : null;
    }

    /** The document's tree, or {@link DocumentInvalidException} naming where it is malformed. */
    JsonNode read(byte[] body, Kind kind) {
        try {
            if (kind == Kind.YAML) {
                refuseYamlReferences(body);
                return yaml.readTree(body);
            }
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new DocumentInvalidException(List.of(new Violation(DocumentReader.WHOLE,
                    "is not valid " + kind + ": " + describe(e))));
        }
    }

    /** The document as bytes: YAML, or JSON indented, each ending with a newline. */
    byte[] write(JsonNode document, Kind kind) {
        if (kind == Kind.YAML) {
            return yaml.writeValueAsBytes(document);
        }
        return (json.writeValueAsString(document) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void refuseYamlReferences(byte[] body) {
        try (JsonParser parser = yaml.createParser(body)) {
            YAMLParser p = (YAMLParser) parser;
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                String what = p.isCurrentAlias() ? "an alias (*" + p.getString() + ")"
                        : p.getObjectId() != null ? "an anchor (&" + p.getObjectId() + ")"
                        : p.getTypeId() != null ? "a tag (" + p.getTypeId() + ")" : null;
                if (what != null) {
                    var at = p.currentLocation();
                    throw new DocumentInvalidException(List.of(new Violation(DocumentReader.WHOLE,
                            "uses " + what + " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                                    + "; anchors, aliases and tags are not supported: write each value out")));
                }
            }
        }
    }

    /** The parser's complaint, first line only (SnakeYAML adds a copy of the offending text below it). */
    private static String describe(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        var at = e.getLocation();
        return first + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")");
    }
}
