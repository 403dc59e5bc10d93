package dev.gatehouse.cli;

import java.nio.file.Path;
import java.util.Locale;

/** The content type of a configuration file, from its name: what the admin's import endpoint is told it reads. */
final class ContentTypes {

    static final String YAML = "application/yaml";
    static final String JSON = "application/json";

    private ContentTypes() {
    }

    /**
     * {@code application/yaml} for {@code .yaml}/{@code .yml}, {@code application/json} for {@code .json}.
     *
     * @param flag the option that named the file, for the error message
     * @throws CliException for any other name: guessing from the content would hide a mistake
     */
    static String forFile(Path file, String flag) {
        String format = formatOf(file);
        if (format == null) {
            throw new CliException(flag + " " + file + ": the file name must end in .yaml, .yml or .json"
                    + " (the format is taken from it)");
        }
        return format.equals("json") ? JSON : YAML;
    }

    /** {@code yaml}, {@code json}, or null when the name ends in neither. */
    static String formatOf(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return "yaml";
        }
        return n.endsWith(".json") ? "json" : null;
    }
}
