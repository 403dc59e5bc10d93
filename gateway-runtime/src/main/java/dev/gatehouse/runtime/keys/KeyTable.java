package dev.gatehouse.runtime.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyChangeHandler;

/**
 * The API keys a node holds, in a compact form built for a million keys (see docs/adr/004-node-key-table.md):
 * parallel primitive arrays instead of one object graph per key, found by their HMAC hash in O(1).
 *
 * <p>Concurrency: any number of request threads call {@link #find} without locks; one writer at a time (the
 * configuration applier, serialised by this object's monitor) changes the table in place. Entries are append-only;
 * when the arrays are full the live entries are copied into a new, larger {@link KeySlab} that replaces the old one
 * through an {@link AtomicReference}, so readers on the old slab finish undisturbed.
 *
 * <p>Each entry keeps its 64-bit content digest, so the table keeps the keys' share of the content hash
 * ({@link #keysHash()}) without ever serialising a key again on delete.
 */
public final class KeyTable implements KeyChangeHandler {

    static final int MIN_CAPACITY = 1_024;
    /** A snapshot's announced count sizes the table up to this; beyond it the table grows as keys arrive. */
    private static final long MAX_PRESIZE = 4_000_000;
    private static final int MAX_CAPACITY = 1 << 27;
    /** Change numbers are ints; a slab that reaches this many replaces and removes is rebuilt and starts over. */
    private static final int MAX_SEQ = 1 << 30;

    private final ConfigHash hasher;
    private final ConfigValidator validator = new ConfigValidator();
    private final AtomicReference<KeySlab> slab;
    private volatile long keysHash;
    private volatile int size;

    /** An empty table. */
    public KeyTable(ConfigHash hasher) {
        this(hasher, 0);
    }

    /**
     * An empty table sized for about {@code expectedKeys} keys (a snapshot announces its count). The count is only
     * a hint: a wrong or hostile one costs at most a presized table of {@link #MAX_PRESIZE} keys.
     */
    public KeyTable(ConfigHash hasher, long expectedKeys) {
        this.hasher = hasher;
        this.slab = new AtomicReference<>(new KeySlab(capacityFor(Math.max(0, Math.min(expectedKeys, MAX_PRESIZE)))));
    }

    /** A table that holds no keys and refuses every change, for a node without configuration. */
    public static KeyTable empty() {
        return new KeyTable(null, 0);
    }

    /**
     * The key with this 32-byte hash, or null. Lock-free; the result is the key as it was at one moment, never a
     * mix of two versions.
     */
    public KeyRecord find(byte[] hash) {
        KeySlab s = slab.get();
        int e = s.findByHash(EncodedKey.word(hash, 0), EncodedKey.word(hash, 1), EncodedKey.word(hash, 2),
                EncodedKey.word(hash, 3));
        return e < 0 ? null : s.record(e);
    }

    /** Number of keys held. */
    public int size() {
        return size;
    }

    @Override
    public long keysHash() {
        return keysHash;
    }

    /**
     * Applies a key upsert or delete of a change set in place: the change is visible to requests as soon as this
     * returns (see ADR 004 for why that is safe before the rest of the change set swaps in).
     */
    @Override
    public synchronized long apply(ConfigChange change) {
        requireWritable();
        if (change.kind() != EntityKind.KEY) {
            throw new ConfigIntegrityException("the key table received a " + change.kind() + " change");
        }
        if (change.op() == ChangeOp.DELETE) {
            return remove(change.id());
        }
        if (!(change.entity() instanceof ApiKeySpec key)) {
            throw new ConfigIntegrityException("a key upsert without a key");
        }
        return put(key, false);
    }

    /** Adds a key of a snapshot; a second key with the same id is an integrity error. Returns its digest. */
    public synchronized long add(ApiKeySpec key) {
        requireWritable();
        return put(key, true);
    }

    /**
     * Adds the keys of a snapshot chunk, as {@link #add} does one by one. Validation and digests (a JSON form and a
     * SHA-256 each, most of the cost) are computed in parallel; the table itself still has one writer.
     */
    public synchronized void addAll(List<ApiKeySpec> keys) {
        requireWritable();
        List<EncodedKey> encoded = keys.parallelStream().map(this::encode).toList();
        for (EncodedKey key : encoded) {
            put(key, true);
        }
    }

    /** Adds a key read back from the node's own file, whose digest was stored with it. */
    synchronized void restore(EncodedKey key) {
        put(key, true);
    }

    /** A consistent view of the keys held now, unaffected by later changes; cheap (no copy). */
    public synchronized View view() {
        KeySlab s = slab.get();
        return new View(s, s.count, s.seq, size, keysHash, s.consumerIds, s.consumerCount, s.scopeSets,
                s.scopeCount);
    }

    /** Bytes held by the table's arrays (excluding the rare irregular keys' original specs). */
    public long arrayBytes() {
        return slab.get().arrayBytes();
    }

    private long put(ApiKeySpec key, boolean mustBeNew) {
        return put(encode(key), mustBeNew);
    }

    private EncodedKey encode(ApiKeySpec key) {
        ConfigValidator.requireValid(validator.validate(key));
        return EncodedKey.of(key, hasher.digest(key));
    }

    private long put(EncodedKey key, boolean mustBeNew) {
        KeySlab s = slab.get();
        int old = s.findById(key);
        if (old >= 0 && mustBeNew) {
            throw new ConfigIntegrityException("the snapshot lists key " + idText(key) + " twice");
        }
        int sameHash = s.findByHash(key.h0(), key.h1(), key.h2(), key.h3());
        if (sameHash >= 0 && sameHash != old) {
            // 256 random bits never collide: this is a publishing error, and silently picking one key would be worse
            throw new ConfigIntegrityException("key " + idText(key) + " has the hash of another key");
        }
        long before = old >= 0 ? s.digests[old] : 0;
        if (s.count == s.capacity || s.seq >= MAX_SEQ) {
            s = rebuild(s, capacityFor(s.live + 1L));
            if (s.count == s.capacity) {
                throw new ConfigIntegrityException("a node holds at most " + MAX_CAPACITY + " API keys");
            }
            old = s.findById(key);
        }
        int e = s.append(key);
        if (old >= 0) {
            s.replace(old, e, key);
        } else {
            s.link(e, key);
            size = s.live;
        }
        long delta = key.digest() - before;
        keysHash += delta;
        return delta;
    }

    private long remove(String id) {
        KeySlab s = slab.get();
        EncodedKey idOf = EncodedKey.idOnly(id);
        int e = s.findById(idOf);
        if (e < 0) {
            // like a delete of any other unknown object: no change, and the content hash will tell if it mattered
            return 0;
        }
        long digest = s.digests[e];
        s.remove(e, idOf);
        size = s.live;
        keysHash -= digest;
        return -digest;
    }

    /** Copies the current entries into a new slab and publishes it; readers on the old one are unaffected. */
    private KeySlab rebuild(KeySlab from, int capacity) {
        KeySlab to = new KeySlab(capacity);
        for (int e = 0; e < from.count; e++) {
            if (from.removedAt[e] == 0) {
                EncodedKey key = KeySlab.entry(from, e);
                to.link(to.append(key), key);
            }
        }
        slab.set(to);
        return to;
    }

    private void requireWritable() {
        if (hasher == null) {
            throw new ConfigIntegrityException("this configuration holder does not accept API keys");
        }
    }

    private static String idText(EncodedKey key) {
        if (key.irregularId() != null) {
            return key.irregularId();
        }
        return new java.util.UUID(key.idHi(), key.idLo()).toString();
    }

    /** Room for the keys plus an eighth (at least 1,024) of appends before the next rebuild. */
    static int capacityFor(long keys) {
        long headroom = Math.max(MIN_CAPACITY, keys / 8);
        return (int) Math.min(MAX_CAPACITY, keys + headroom);
    }

    /**
     * The keys of a table at one moment. Later changes do not show: entries appended after it are beyond
     * {@code count}, and entries replaced or removed after it carry a change number above {@code seq}. Holding a
     * view keeps its slab in memory, so views are short-lived (the last-known-good writer holds one until written).
     */
    public static final class View {

        final KeySlab slab;
        final int count;
        final int seq;
        private final int size;
        private final long keysHash;
        final String[] consumerIds;
        final int consumerCount;
        final KeyScopeSet[] scopeSets;
        final int scopeCount;

        View(KeySlab slab, int count, int seq, int size, long keysHash, String[] consumerIds, int consumerCount,
             KeyScopeSet[] scopeSets, int scopeCount) {
            this.slab = slab;
            this.count = count;
            this.seq = seq;
            this.size = size;
            this.keysHash = keysHash;
            this.consumerIds = consumerIds;
            this.consumerCount = consumerCount;
            this.scopeSets = scopeSets;
            this.scopeCount = scopeCount;
        }

        /** Number of keys in the view. */
        public int size() {
            return size;
        }

        /** The sum of the keys' digests. */
        public long keysHash() {
            return keysHash;
        }

        /** True when entry {@code e} of the slab belongs to the view. */
        boolean contains(int e) {
            return e < count && slab.currentAt(e, seq);
        }

        /** The keys as published, rebuilt from the packed form. */
        public List<ApiKeySpec> specs() {
            List<ApiKeySpec> out = new ArrayList<>(size);
            for (int e = 0; e < count; e++) {
                if (slab.currentAt(e, seq)) {
                    out.add(slab.spec(e, consumerIds, scopeSets));
                }
            }
            return out;
        }
    }
}
