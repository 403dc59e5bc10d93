package dev.gatehouse.runtime.keys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.KeyScopes;

/**
 * The storage of a {@link KeyTable}: fixed-capacity parallel primitive arrays, one index per entry, and two
 * open-addressing slot tables (linear probing) that map a key hash and a key id to an entry. Entries are appended
 * and never rewritten or reused: a replaced or removed entry only loses its slots (a tombstone) and records the
 * change number that removed it. Readers therefore see every entry either not at all or complete.
 *
 * <p>Publication: the writer fills an entry's fields with plain stores, then stores its slot with release semantics;
 * readers load slots with acquire semantics before reading fields. The slot tables have at least 10/7 slots per
 * entry of capacity, and every slot ever used belongs to an entry, so they are never more than 70% full and a probe
 * always ends at an empty slot.
 *
 * <p>Slot values: {@code 0} empty, {@code -1} tombstone, else entry index + 1 (so fresh arrays need no filling).
 */
final class KeySlab {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int EMPTY = 0;
    private static final int TOMBSTONE = -1;

    final int capacity;
    final long[] hashes;
    final long[] ids;
    final long[] expiresAt;
    final long[] digests;
    final long[] prefixes;
    final int[] consumers;
    final int[] scopes;
    /** 0 while the entry is current; else the change number ({@link #seq}) that replaced or removed it. */
    final int[] removedAt;
    private final int[] byHash;
    private final int[] byId;

    /** Specs of entries whose text cannot be rebuilt from the packed fields; rare, read by request threads. */
    final Map<Integer, ApiKeySpec> irregular = new ConcurrentHashMap<>();
    private final Map<String, Integer> irregularIds = new HashMap<>();
    private final Map<String, Integer> consumerIndex = new HashMap<>();
    private final Map<KeyScopes, Integer> scopeIndex = new HashMap<>();
    /** Interned consumer ids; replaced (never changed below {@link #consumerCount}) when it grows. */
    volatile String[] consumerIds = new String[16];
    volatile KeyScopeSet[] scopeSets = new KeyScopeSet[4];
    int consumerCount;
    int scopeCount;

    /** Entries used so far (live and removed). */
    int count;
    /** Entries that are current. */
    int live;
    /** Number of the last replace or remove in this slab. */
    int seq;

    KeySlab(int capacity) {
        this.capacity = capacity;
        hashes = new long[capacity * 4];
        ids = new long[capacity * 2];
        expiresAt = new long[capacity];
        digests = new long[capacity];
        prefixes = new long[capacity];
        consumers = new int[capacity];
        scopes = new int[capacity];
        removedAt = new int[capacity];
        int slots = nextPowerOfTwo((int) Math.min(1L << 30, capacity * 10L / 7 + 1));
        byHash = new int[slots];
        byId = new int[slots];
        internScopes(KeyScopes.ANY);
    }

    /** Bytes held by the arrays of this slab (what a million keys cost, without object headers). */
    long arrayBytes() {
        return 8L * (hashes.length + ids.length + expiresAt.length + digests.length + prefixes.length)
                + 4L * (consumers.length + scopes.length + removedAt.length + byHash.length + byId.length)
                + 8L * consumerIds.length + 8L * scopeSets.length;
    }

    // ---- readers (any thread) ----

    /** The entry holding this hash, or -1. Lock-free. */
    int findByHash(long h0, long h1, long h2, long h3) {
        int[] table = byHash;
        int mask = table.length - 1;
        for (int i = spread(h0) & mask; ; i = (i + 1) & mask) {
            int v = (int) SLOT.getAcquire(table, i);
            if (v == EMPTY) {
                return -1;
            }
            if (v > 0) {
                int b = (v - 1) << 2;
                // all four words, no early exit: the time taken does not depend on how much of a hash matched
                if (((hashes[b] ^ h0) | (hashes[b + 1] ^ h1) | (hashes[b + 2] ^ h2) | (hashes[b + 3] ^ h3)) == 0) {
                    return v - 1;
                }
            }
        }
    }

    /** What a request needs of entry {@code e}, found through {@link #findByHash}. */
    KeyRecord record(int e) {
        long packed = prefixes[e];
        ApiKeySpec original = irregular.get(e);
        String prefix = packed != 0 ? EncodedKey.unpackPrefix(packed) : original.prefix();
        String id = original != null ? original.id() : new UUID(ids[2 * e], ids[2 * e + 1]).toString();
        return new KeyRecord(consumerIds[consumers[e]], expiresAt[e], scopeSets[scopes[e]], prefix, id);
    }

    /** The published form of entry {@code e}. */
    ApiKeySpec spec(int e, String[] consumerNames, KeyScopeSet[] scopeValues) {
        ApiKeySpec original = irregular.get(e);
        if (original != null) {
            return original;
        }
        int b = e << 2;
        return new ApiKeySpec(new UUID(ids[2 * e], ids[2 * e + 1]).toString(), consumerNames[consumers[e]],
                EncodedKey.unpackPrefix(prefixes[e]),
                EncodedKey.hashText(hashes[b], hashes[b + 1], hashes[b + 2], hashes[b + 3]),
                expiresAt[e], scopeValues[scopes[e]].spec());
    }

    /** True when entry {@code e} was current after change number {@code atSeq}. */
    boolean currentAt(int e, int atSeq) {
        int removed = removedAt[e];
        return removed == 0 || removed > atSeq;
    }

    // ---- writer (one thread at a time, see KeyTable) ----

    /** The current entry with the key's id, or -1. */
    int findById(EncodedKey key) {
        if (key.irregularId() != null) {
            Integer e = irregularIds.get(key.irregularId());
            return e == null ? -1 : e;
        }
        int slot = idSlot(key.idHi(), key.idLo());
        return slot < 0 ? -1 : byId[slot] - 1;
    }

    /** Stores a new entry's fields; it is not reachable until {@link #link} or {@link #replace}. */
    int append(EncodedKey key) {
        int e = count++;
        int b = e << 2;
        hashes[b] = key.h0();
        hashes[b + 1] = key.h1();
        hashes[b + 2] = key.h2();
        hashes[b + 3] = key.h3();
        ids[2 * e] = key.idHi();
        ids[2 * e + 1] = key.idLo();
        expiresAt[e] = key.expiresAt();
        digests[e] = key.digest();
        prefixes[e] = key.prefix();
        consumers[e] = internConsumer(key.consumerId());
        scopes[e] = internScopes(key.scopes());
        if (key.original() != null) {
            irregular.put(e, key.original());
        }
        return e;
    }

    /** Makes a new entry reachable by hash and id. */
    void link(int e, EncodedKey key) {
        if (key.irregularId() != null) {
            irregularIds.put(key.irregularId(), e);
        } else {
            byId[freeSlot(byId, spreadId(key.idHi(), key.idLo()))] = e + 1;
        }
        SLOT.setRelease(byHash, freeSlot(byHash, spread(key.h0())), e + 1);
        live++;
    }

    /** Puts entry {@code e} in the place of entry {@code old} (same id), atomically for readers. */
    void replace(int old, int e, EncodedKey key) {
        int oldSlot = hashSlotOf(old);
        int b = e << 2;
        if (findByHash(hashes[b], hashes[b + 1], hashes[b + 2], hashes[b + 3]) == old) {
            // same hash (an expiry or scope change): one slot write switches readers from old to new
            SLOT.setRelease(byHash, oldSlot, e + 1);
        } else {
            SLOT.setRelease(byHash, oldSlot, TOMBSTONE);
            SLOT.setRelease(byHash, freeSlot(byHash, spread(key.h0())), e + 1);
        }
        if (key.irregularId() != null) {
            irregularIds.put(key.irregularId(), e);
        } else {
            byId[idSlot(key.idHi(), key.idLo())] = e + 1;
        }
        removedAt[old] = ++seq;
    }

    /** Makes entry {@code e} unreachable. Its fields stay as they are for readers that already found it. */
    void remove(int e, EncodedKey idOf) {
        SLOT.setRelease(byHash, hashSlotOf(e), TOMBSTONE);
        if (idOf.irregularId() != null) {
            irregularIds.remove(idOf.irregularId());
        } else {
            byId[idSlot(idOf.idHi(), idOf.idLo())] = TOMBSTONE;
        }
        removedAt[e] = ++seq;
        live--;
    }

    /** The packed form of entry {@code e} of {@code from}, for copying it into this slab. */
    static EncodedKey entry(KeySlab from, int e) {
        int b = e << 2;
        ApiKeySpec original = from.irregular.get(e);
        return new EncodedKey(from.hashes[b], from.hashes[b + 1], from.hashes[b + 2], from.hashes[b + 3],
                from.ids[2 * e], from.ids[2 * e + 1], original != null ? irregularIdOf(original) : null,
                from.consumerIds[from.consumers[e]], from.expiresAt[e], from.scopeSets[from.scopes[e]].spec(),
                from.prefixes[e], original, from.digests[e]);
    }

    private static String irregularIdOf(ApiKeySpec original) {
        return EncodedKey.canonicalUuid(original.id()) == null ? original.id() : null;
    }

    private int hashSlotOf(int e) {
        int b = e << 2;
        int mask = byHash.length - 1;
        for (int i = spread(hashes[b]) & mask; ; i = (i + 1) & mask) {
            int v = byHash[i];
            if (v == e + 1) {
                return i;
            }
            if (v == EMPTY) {
                throw new IllegalStateException("entry " + e + " is not in the hash slots");
            }
        }
    }

    private int idSlot(long hi, long lo) {
        int mask = byId.length - 1;
        for (int i = spreadId(hi, lo) & mask; ; i = (i + 1) & mask) {
            int v = byId[i];
            if (v == EMPTY) {
                return -1;
            }
            if (v > 0 && ids[2 * (v - 1)] == hi && ids[2 * (v - 1) + 1] == lo) {
                return i;
            }
        }
    }

    private static int freeSlot(int[] table, int start) {
        int mask = table.length - 1;
        for (int i = start & mask; ; i = (i + 1) & mask) {
            if (table[i] <= 0) {
                return i;
            }
        }
    }

    private int internConsumer(String id) {
        Integer known = consumerIndex.get(id);
        if (known != null) {
            return known;
        }
        String[] names = consumerIds;
        if (consumerCount == names.length) {
            names = Arrays.copyOf(names, names.length * 2);
        }
        names[consumerCount] = id;
        consumerIds = names;
        consumerIndex.put(id, consumerCount);
        return consumerCount++;
    }

    private int internScopes(KeyScopes spec) {
        Integer known = scopeIndex.get(spec);
        if (known != null) {
            return known;
        }
        KeyScopeSet[] sets = scopeSets;
        if (scopeCount == sets.length) {
            sets = Arrays.copyOf(sets, sets.length * 2);
        }
        sets[scopeCount] = KeyScopeSet.of(spec);
        scopeSets = sets;
        scopeIndex.put(spec, scopeCount);
        return scopeCount++;
    }

    /** Hashes are HMAC outputs, uniformly distributed: their first bits are as good as any mix. */
    private static int spread(long h0) {
        return (int) (h0 ^ (h0 >>> 32));
    }

    /** Ids may be time-ordered UUIDs (version 7) whose bits are not uniform: mix them (murmur3 finaliser). */
    private static int spreadId(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private static int nextPowerOfTwo(int value) {
        return value <= 16 ? 16 : Integer.highestOneBit(value - 1) << 1;
    }
}
