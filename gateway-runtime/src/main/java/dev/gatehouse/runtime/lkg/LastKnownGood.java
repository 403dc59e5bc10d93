package dev.gatehouse.runtime.lkg;

import java.nio.file.Path;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.keys.KeyTable;

/** What reading the last known good file found. */
public sealed interface LastKnownGood {

    /** No file: a first start, or a node that never received a configuration. */
    record Missing() implements LastKnownGood {
    }

    /**
     * A file whose checksum and content hash verified.
     *
     * @param state the configuration it holds, keys aside
     * @param keys  its API keys
     */
    record Loaded(ConfigState state, KeyTable keys) implements LastKnownGood {
    }

    /**
     * A file that failed verification.
     *
     * @param reason    what was wrong
     * @param movedTo   where the file was renamed to, or null if it could not be moved
     */
    record Corrupt(String reason, Path movedTo) implements LastKnownGood {
    }
}
