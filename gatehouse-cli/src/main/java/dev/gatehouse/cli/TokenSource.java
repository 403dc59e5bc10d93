package dev.gatehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the API token comes from: {@code --token-file FILE}, else the environment variable {@code GATEHOUSE_TOKEN}.
 * Never a command-line value (arguments are visible to every user in {@code ps}). Like ssh with a private key, a
 * token file that group or others may access is refused. Messages name the file, never the token.
 */
final class TokenSource {

    static final String ENV = "GATEHOUSE_TOKEN";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private TokenSource() {
    }

    /** The token from {@code file} when given, else from {@link #ENV}; a {@link CliException} when there is none. */
    static String resolve(Path file, Map<String, String> env) {
        if (file != null) {
            return fromFile(file);
        }
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            throw new CliException("no API token: set the environment variable " + ENV
                    + " or pass --token-file FILE (a file only you can read)");
        }
        return checked(value.strip(), "the environment variable " + ENV);
    }

    static String fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("--token-file " + file + ": no such file");
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new CliException("--token-file " + file + " may be read by others (permissions "
                            + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + file);
                }
            }
            return checked(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip(),
                    "--token-file " + file);
        } catch (IOException e) {
            throw new CliException("--token-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    // A token is one word of visible ASCII: anything else (a second line, a space) would corrupt the header.
    private static String checked(String token, String source) {
        if (token.isEmpty()) {
            throw new CliException(source + " is empty");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new CliException(source + " must hold only the token: one word of printable ASCII");
        }
        return token;
    }
}
