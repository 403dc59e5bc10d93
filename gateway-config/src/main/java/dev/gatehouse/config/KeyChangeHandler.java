package dev.gatehouse.config;

/**
 * Where API key changes go while a change set is applied. Keys live outside the immutable {@link ConfigState}
 * because copying a million of them per change would cost more than the change; a node keeps them in a compact
 * table of its own that implements this interface.
 */
public interface KeyChangeHandler {

    /** A handler for configurations without keys: any key change is refused. */
    KeyChangeHandler NONE = new KeyChangeHandler() {
        @Override
        public long apply(ConfigChange change) {
            throw new ConfigIntegrityException("this configuration holder does not accept API keys");
        }

        @Override
        public long keysHash() {
            return ConfigHash.EMPTY;
        }
    };

    /**
     * Applies one key upsert or delete.
     *
     * @return the change of the content hash: the new key's digest minus the replaced key's digest
     */
    long apply(ConfigChange change);

    /** The sum of the digests of all keys held, see {@link ConfigHash}. */
    long keysHash();
}
