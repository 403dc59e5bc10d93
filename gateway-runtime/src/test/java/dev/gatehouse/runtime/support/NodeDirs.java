package dev.gatehouse.runtime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/** The data directory and admin of an {@link OwnNode} test's node, set from its context initializer. */
public final class NodeDirs {

    private NodeDirs() {
    }

    /** A new temporary directory named after {@code prefix}. */
    public static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the node of {@code context} at the admin on {@code adminUrl}, with a new data directory. */
    public static void useAdmin(ConfigurableApplicationContext context, String adminUrl, String dataDirPrefix) {
        TestPropertyValues.of("gatehouse.admin-url=" + adminUrl,
                "gatehouse.node-data-dir=" + temp(dataDirPrefix)).applyTo(context);
    }
}
