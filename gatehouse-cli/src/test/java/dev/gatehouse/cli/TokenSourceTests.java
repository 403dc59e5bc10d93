package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourceTests {

    private static final String TOKEN = "ght_0123456789abcdefSECRET";

    @TempDir
    Path dir;

    @Test
    void aTokenFileOnlyItsOwnerCanReadIsReadWithoutItsNewline() throws IOException {
        Path file = tokenFile("rw-------", TOKEN + "\n");
        assertThat(TokenSource.resolve(file, Map.of())).isEqualTo(TOKEN);
        assertThat(TokenSource.resolve(tokenFile("r--------", TOKEN), Map.of())).isEqualTo(TOKEN);
    }

    @Test
    void aTokenFileGroupOrOthersMayAccessIsRefusedLikeSshDoes() throws IOException {
        for (String permissions : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw-----w-", "rw---x---"}) {
            Path file = tokenFile(permissions, TOKEN);
            assertThatThrownBy(() -> TokenSource.resolve(file, Map.of()))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("--token-file " + file + " may be read by others")
                    .hasMessageContaining(permissions)
                    .hasMessageContaining("chmod 600 " + file)
                    .message().doesNotContain(TOKEN);
        }
    }

    @Test
    void theEnvironmentVariableIsUsedWithoutAFileAndTheFileWinsOverIt() throws IOException {
        assertThat(TokenSource.resolve(null, Map.of("GATEHOUSE_TOKEN", " " + TOKEN + "\n"))).isEqualTo(TOKEN);
        Path file = tokenFile("rw-------", "from-file");
        assertThat(TokenSource.resolve(file, Map.of("GATEHOUSE_TOKEN", TOKEN))).isEqualTo("from-file");
    }

    @Test
    void noTokenMissingEmptyOrMalformedFilesAreClearErrorsThatNeverShowTheContent() throws IOException {
        assertThatThrownBy(() -> TokenSource.resolve(null, Map.of()))
                .hasMessageContaining("GATEHOUSE_TOKEN").hasMessageContaining("--token-file");
        assertThatThrownBy(() -> TokenSource.resolve(null, Map.of("GATEHOUSE_TOKEN", "  ")))
                .hasMessageContaining("no API token");
        assertThatThrownBy(() -> TokenSource.resolve(dir.resolve("absent"), Map.of()))
                .hasMessage("--token-file " + dir.resolve("absent") + ": no such file");
        Path empty = tokenFile("rw-------", "\n");
        assertThatThrownBy(() -> TokenSource.resolve(empty, Map.of())).hasMessage("--token-file " + empty + " is empty");
        Path twoLines = tokenFile("rw-------", TOKEN + "\nsecond-line\n");
        assertThatThrownBy(() -> TokenSource.resolve(twoLines, Map.of()))
                .hasMessageContaining("must hold only the token")
                .message().doesNotContain(TOKEN).doesNotContain("second-line");
        assertThatThrownBy(() -> TokenSource.resolve(null, Map.of("GATEHOUSE_TOKEN", "two words")))
                .hasMessageContaining("GATEHOUSE_TOKEN must hold only the token")
                .message().doesNotContain("two words");
    }

    private Path tokenFile(String permissions, String content) throws IOException {
        Path file = Files.createTempFile(dir, "token", ".txt");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
