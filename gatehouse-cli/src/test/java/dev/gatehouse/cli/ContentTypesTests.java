package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContentTypesTests {

    @Test
    void theContentTypeComesFromTheFileExtension() {
        assertThat(ContentTypes.forFile(Path.of("gatehouse.yaml"), "-f")).isEqualTo("application/yaml");
        assertThat(ContentTypes.forFile(Path.of("conf/prod.YML"), "-f")).isEqualTo("application/yaml");
        assertThat(ContentTypes.forFile(Path.of("/tmp/x.json"), "-f")).isEqualTo("application/json");
    }

    @Test
    void anyOtherNameIsAnErrorNamingTheFlag() {
        for (String name : new String[] {"gatehouse.txt", "gatehouse", "yaml", "config.yaml.bak", "x.jsonl"}) {
            assertThatThrownBy(() -> ContentTypes.forFile(Path.of(name), "-f"))
                    .isInstanceOf(CliException.class)
                    .hasMessageStartingWith("-f " + name + ": ")
                    .hasMessageContaining(".yaml, .yml or .json");
        }
    }
}
