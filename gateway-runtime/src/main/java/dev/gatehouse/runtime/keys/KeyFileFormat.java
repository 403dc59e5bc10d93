package dev.gatehouse.runtime.keys;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.KeyScopes;

/**
 * The binary form of a key table in the last-known-good file: about 80 bytes per key instead of about 250 as JSON,
 * written and read without serialising a single key to JSON (the stored digests are written with the keys). The
 * caller checksums the bytes; this format only frames them.
 *
 * <pre>
 * int    magic "GHK1"
 * int    n consumer ids, then n UTF strings (indexes below point into this list)
 * int    n scope sets,   then n times: routes, services, tags (each an int count and UTF strings)
 * int    n keys,         then n times:
 *        byte  0 = packed, 1 = irregular
 *        long  hash words 0..3
 *        packed:    long id high bits, long id low bits, long prefix
 *        irregular: UTF id, UTF prefix, UTF hash (the exact published text)
 *        int   consumer index, long expiresAt, int scopes index, long digest
 * int    magic "GHK1" again
 * </pre>
 */
public final class KeyFileFormat {

    private static final int MAGIC = 0x47484B31;

    private KeyFileFormat() {
    }

    /** Writes the keys of {@code view}. */
    public static void write(KeyTable.View view, DataOutput out) throws IOException {
        KeySlab slab = view.slab;
        out.writeInt(MAGIC);
        out.writeInt(view.consumerCount);
        for (int i = 0; i < view.consumerCount; i++) {
            out.writeUTF(view.consumerIds[i]);
        }
        out.writeInt(view.scopeCount);
        for (int i = 0; i < view.scopeCount; i++) {
            KeyScopes scopes = view.scopeSets[i].spec();
            writeList(out, scopes.routes());
            writeList(out, scopes.services());
            writeList(out, scopes.tags());
        }
        out.writeInt(view.size());
        int written = 0;
        for (int e = 0; e < view.count; e++) {
            if (!view.contains(e)) {
                continue;
            }
            ApiKeySpec irregular = slab.irregular.get(e);
            out.writeByte(irregular == null ? 0 : 1);
            int b = e << 2;
            for (int w = 0; w < 4; w++) {
                out.writeLong(slab.hashes[b + w]);
            }
            if (irregular == null) {
                out.writeLong(slab.ids[2 * e]);
                out.writeLong(slab.ids[2 * e + 1]);
                out.writeLong(slab.prefixes[e]);
            } else {
                out.writeUTF(irregular.id());
                out.writeUTF(irregular.prefix());
                out.writeUTF(irregular.hash());
            }
            out.writeInt(slab.consumers[e]);
            out.writeLong(slab.expiresAt[e]);
            out.writeInt(slab.scopes[e]);
            out.writeLong(slab.digests[e]);
            written++;
        }
        if (written != view.size()) {
            throw new IllegalStateException("key view of " + view.size() + " keys held " + written);
        }
        out.writeInt(MAGIC);
    }

    /**
     * Reads keys written by {@link #write} into a new table.
     *
     * @param expectedKeys the count the snapshot announced; any other count is an integrity error
     */
    public static KeyTable read(DataInput in, ConfigHash hasher, long expectedKeys) throws IOException {
        requireMagic(in.readInt());
        List<String> consumers = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            consumers.add(in.readUTF());
        }
        List<KeyScopes> scopes = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            scopes.add(new KeyScopes(readList(in), readList(in), readList(in)));
        }
        int count = in.readInt();
        if (count != expectedKeys) {
            throw new ConfigIntegrityException("the file holds " + count + " keys, its snapshot announces "
                    + expectedKeys);
        }
        KeyTable table = new KeyTable(hasher, count);
        for (int i = 0; i < count; i++) {
            table.restore(readKey(in, consumers, scopes));
        }
        requireMagic(in.readInt());
        return table;
    }

    private static EncodedKey readKey(DataInput in, List<String> consumers, List<KeyScopes> scopes)
            throws IOException {
        int kind = in.readByte();
        long h0 = in.readLong();
        long h1 = in.readLong();
        long h2 = in.readLong();
        long h3 = in.readLong();
        if (kind == 0) {
            long idHi = in.readLong();
            long idLo = in.readLong();
            long prefix = in.readLong();
            String consumer = consumers.get(in.readInt());
            long expiresAt = in.readLong();
            KeyScopes scope = scopes.get(in.readInt());
            return new EncodedKey(h0, h1, h2, h3, idHi, idLo, null, consumer, expiresAt, scope, prefix, null,
                    in.readLong());
        }
        if (kind != 1) {
            throw new ConfigIntegrityException("unknown key record kind " + kind);
        }
        String id = in.readUTF();
        String prefix = in.readUTF();
        String hash = in.readUTF();
        String consumer = consumers.get(in.readInt());
        long expiresAt = in.readLong();
        KeyScopes scope = scopes.get(in.readInt());
        long digest = in.readLong();
        return EncodedKey.of(new ApiKeySpec(id, consumer, prefix, hash, expiresAt, scope), digest);
    }

    private static void writeList(DataOutput out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readList(DataInput in) throws IOException {
        List<String> values = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            values.add(in.readUTF());
        }
        return values;
    }

    private static void requireMagic(int value) {
        if (value != MAGIC) {
            throw new ConfigIntegrityException("not a Gatehouse key section");
        }
    }
}
