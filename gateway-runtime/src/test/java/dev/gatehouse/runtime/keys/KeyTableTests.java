package dev.gatehouse.runtime.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.runtime.support.Specs;
import org.junit.jupiter.api.Test;

class KeyTableTests {

    private static final ConfigHash HASHER = Specs.HASHER;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Random random = new Random(42);

    private byte[] randomHash() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return hash;
    }

    private ApiKeySpec key(String consumerId, byte[] hash) {
        return key(new UUID(random.nextLong(), random.nextLong()).toString(), consumerId, hash, 0, KeyScopes.ANY);
    }

    private ApiKeySpec key(String id, String consumerId, byte[] hash, long expiresAt, KeyScopes scopes) {
        StringBuilder prefix = new StringBuilder("gwk_");
        for (int i = 0; i < 8; i++) {
            prefix.append(BASE62[random.nextInt(62)]);
        }
        return new ApiKeySpec(id, consumerId, prefix.toString(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(hash), expiresAt, scopes);
    }

    private static ApiKeySpec withExpiry(ApiKeySpec key, long expiresAt) {
        return new ApiKeySpec(key.id(), key.consumerId(), key.prefix(), key.hash(), expiresAt, key.scopes());
    }

    private static byte[] hashOf(ApiKeySpec key) {
        return Base64.getUrlDecoder().decode(key.hash());
    }

    @Test
    void findsKeysByHashAndForgetsDeletedOnes() {
        KeyTable table = new KeyTable(HASHER);
        KeyScopes scoped = new KeyScopes(List.of("rt-a"), List.of(), List.of("public"));
        ApiKeySpec key = key(UUID.randomUUID().toString(), "c1", randomHash(), 1_700_000_000_000L, scoped);

        long delta = table.apply(ConfigChange.upsert(key));

        assertThat(delta).isEqualTo(HASHER.digest(key));
        assertThat(table.keysHash()).isEqualTo(HASHER.digest(key));
        KeyRecord found = table.find(hashOf(key));
        assertThat(found.consumerId()).isEqualTo("c1");
        assertThat(found.expiresAt()).isEqualTo(1_700_000_000_000L);
        assertThat(found.prefix()).isEqualTo(key.prefix());
        assertThat(found.scopes().spec()).isEqualTo(scoped);
        assertThat(found.expiredAt(1_700_000_000_000L)).isTrue();
        assertThat(found.expiredAt(1_699_999_999_999L)).isFalse();
        assertThat(table.find(randomHash())).isNull();

        assertThat(table.apply(ConfigChange.delete(EntityKind.KEY, key.id()))).isEqualTo(-HASHER.digest(key));
        assertThat(table.find(hashOf(key))).isNull();
        assertThat(table.size()).isZero();
        assertThat(table.keysHash()).isEqualTo(ConfigHash.EMPTY);
        assertThat(table.apply(ConfigChange.delete(EntityKind.KEY, key.id()))).isZero();
    }

    @Test
    void upsertOfAKnownIdReplacesTheKeyAtomically() {
        KeyTable table = new KeyTable(HASHER);
        ApiKeySpec key = key("c1", randomHash());
        table.apply(ConfigChange.upsert(key));

        ApiKeySpec rotatedOut = withExpiry(key, 4_000_000_000_000L);
        long delta = table.apply(ConfigChange.upsert(rotatedOut));

        assertThat(delta).isEqualTo(HASHER.digest(rotatedOut) - HASHER.digest(key));
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.find(hashOf(key)).expiresAt()).isEqualTo(4_000_000_000_000L);
        assertThat(table.view().specs()).containsExactly(rotatedOut);
    }

    @Test
    void keepsTheSameContentHashAsAMapThroughThousandsOfChangesAndRebuilds() {
        KeyTable table = new KeyTable(HASHER);
        Map<String, ApiKeySpec> reference = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            int op = random.nextInt(10);
            if (op < 6 || ids.isEmpty()) {
                ApiKeySpec key = key("c" + random.nextInt(50), randomHash());
                table.apply(ConfigChange.upsert(key));
                reference.put(key.id(), key);
                ids.add(key.id());
            } else if (op < 8) {
                ApiKeySpec before = reference.get(ids.get(random.nextInt(ids.size())));
                ApiKeySpec after = random.nextBoolean() ? withExpiry(before, random.nextInt(1_000_000))
                        : key(before.id(), before.consumerId(), randomHash(), 0, KeyScopes.ANY);
                table.apply(ConfigChange.upsert(after));
                reference.put(after.id(), after);
            } else {
                String id = ids.remove(random.nextInt(ids.size()));
                table.apply(ConfigChange.delete(EntityKind.KEY, id));
                reference.remove(id);
            }
        }
        long expected = reference.values().stream().mapToLong(HASHER::digest).sum();
        assertThat(table.keysHash()).isEqualTo(expected);
        assertThat(table.size()).isEqualTo(reference.size());
        assertThat(table.view().specs()).containsExactlyInAnyOrderElementsOf(reference.values());
        for (ApiKeySpec key : reference.values()) {
            assertThat(table.find(hashOf(key)).consumerId()).isEqualTo(key.consumerId());
        }
    }

    @Test
    void keysWhoseTextDoesNotPackComeBackExactly() {
        KeyTable table = new KeyTable(HASHER);
        // not a UUID, an odd prefix, a hash with non-zero padding bits, an upper-case UUID
        ApiKeySpec plainId = new ApiKeySpec("k1", "c1", "gwk_abcdefgh", "A".repeat(43), 0, KeyScopes.ANY);
        ApiKeySpec oddPrefix = new ApiKeySpec(UUID.randomUUID().toString(), "c1", "gwk_ab", "C".repeat(42) + "A", 0,
                KeyScopes.ANY);
        ApiKeySpec paddingBits = new ApiKeySpec(UUID.randomUUID().toString(), "c1", "gwk_abcdefgh", "B".repeat(43),
                0, KeyScopes.ANY);
        ApiKeySpec upperId = new ApiKeySpec(UUID.randomUUID().toString().toUpperCase(), "c1", "gwk_abcdefgh",
                "D".repeat(42) + "A", 0, KeyScopes.ANY);
        for (ApiKeySpec key : List.of(plainId, oddPrefix, paddingBits, upperId)) {
            table.apply(ConfigChange.upsert(key));
        }
        assertThat(table.view().specs()).containsExactlyInAnyOrder(plainId, oddPrefix, paddingBits, upperId);
        assertThat(table.find(hashOf(oddPrefix)).prefix()).isEqualTo("gwk_ab");
        assertThat(table.keysHash()).isEqualTo(HASHER.digest(plainId) + HASHER.digest(oddPrefix)
                + HASHER.digest(paddingBits) + HASHER.digest(upperId));

        table.apply(ConfigChange.delete(EntityKind.KEY, "k1"));
        table.apply(ConfigChange.delete(EntityKind.KEY, upperId.id()));
        assertThat(table.view().specs()).containsExactlyInAnyOrder(oddPrefix, paddingBits);
    }

    @Test
    void aViewDoesNotSeeLaterChanges() {
        KeyTable table = new KeyTable(HASHER);
        ApiKeySpec kept = key("c1", randomHash());
        ApiKeySpec removed = key("c1", randomHash());
        ApiKeySpec changed = key("c2", randomHash());
        for (ApiKeySpec key : List.of(kept, removed, changed)) {
            table.apply(ConfigChange.upsert(key));
        }
        KeyTable.View view = table.view();

        table.apply(ConfigChange.delete(EntityKind.KEY, removed.id()));
        table.apply(ConfigChange.upsert(withExpiry(changed, 99)));
        table.apply(ConfigChange.upsert(key("c3", randomHash())));
        for (int i = 0; i < 3_000; i++) {
            table.apply(ConfigChange.upsert(key("c4", randomHash())));
        }

        assertThat(view.specs()).containsExactlyInAnyOrder(kept, removed, changed);
        assertThat(view.size()).isEqualTo(3);
        assertThat(view.keysHash()).isEqualTo(HASHER.digest(kept) + HASHER.digest(removed) + HASHER.digest(changed));
    }

    @Test
    void duplicatesAreIntegrityErrors() {
        KeyTable table = new KeyTable(HASHER);
        ApiKeySpec key = key("c1", randomHash());
        table.add(key);
        assertThatThrownBy(() -> table.add(withExpiry(key, 5))).isInstanceOf(ConfigIntegrityException.class)
                .hasMessageContaining("twice");
        ApiKeySpec sameHash = key("c2", hashOf(key));
        assertThatThrownBy(() -> table.apply(ConfigChange.upsert(sameHash)))
                .isInstanceOf(ConfigIntegrityException.class).hasMessageContaining("hash of another key");
        assertThatThrownBy(() -> KeyTable.empty().apply(ConfigChange.upsert(key)))
                .isInstanceOf(ConfigIntegrityException.class);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void binaryFormRoundTrips() throws Exception {
        KeyTable table = new KeyTable(HASHER);
        List<ApiKeySpec> keys = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            KeyScopes scopes = i % 3 == 0 ? KeyScopes.ANY : new KeyScopes(List.of("rt-" + i % 7), List.of(), List.of());
            keys.add(key(new UUID(random.nextLong(), random.nextLong()).toString(), "c" + i % 11, randomHash(),
                    i, scopes));
        }
        keys.add(new ApiKeySpec("legacy-id", "c1", "gwk_x", "B".repeat(43), 0, KeyScopes.ANY));
        keys.forEach(table::add);
        table.apply(ConfigChange.delete(EntityKind.KEY, keys.remove(7).id()));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KeyFileFormat.write(table.view(), new DataOutputStream(bytes));
        KeyTable read = KeyFileFormat.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                HASHER, keys.size());

        assertThat(read.keysHash()).isEqualTo(table.keysHash());
        assertThat(read.view().specs()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(read.find(hashOf(keys.get(100))).consumerId()).isEqualTo(keys.get(100).consumerId());
        assertThatThrownBy(() -> KeyFileFormat.read(new DataInputStream(new ByteArrayInputStream(
                bytes.toByteArray())), HASHER, keys.size() + 1)).isInstanceOf(ConfigIntegrityException.class);
    }

    @Test
    void readersNeverMissAStableKeyWhileTheWriterChurnsAndRebuilds() throws Exception {
        KeyTable table = new KeyTable(HASHER);
        List<ApiKeySpec> stable = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ApiKeySpec key = key("stable", randomHash());
            stable.add(key);
            table.add(key);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong lookups = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread reader = new Thread(() -> {
                int i = 0;
                while (!done.get()) {
                    ApiKeySpec key = stable.get(i++ % stable.size());
                    KeyRecord found = table.find(hashOf(key));
                    if (found == null || !found.consumerId().equals("stable") || !found.prefix().equals(key.prefix())) {
                        failure.compareAndSet(null, "lost " + key.id());
                    }
                    lookups.incrementAndGet();
                }
            });
            reader.start();
            readers.add(reader);
        }
        List<String> churn = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            if (churn.size() > 1_500 && random.nextBoolean()) {
                table.apply(ConfigChange.delete(EntityKind.KEY, churn.remove(random.nextInt(churn.size()))));
            } else {
                ApiKeySpec key = key("churn", randomHash());
                table.apply(ConfigChange.upsert(key));
                churn.add(key.id());
            }
            if (i % 1_000 == 0) {
                // expiry changes of stable keys keep their hash: readers must see the old or the new entry
                ApiKeySpec s = stable.get(random.nextInt(stable.size()));
                table.apply(ConfigChange.upsert(withExpiry(s, i + 1)));
            }
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(lookups.get()).isPositive();
    }

    @Test
    void aMillionKeys() {
        int keys = 1_000_000;
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        KeyTable table = new KeyTable(HASHER, keys);
        byte[] probe = null;
        // as a snapshot arrives: chunks of 5,000 keys
        for (int chunk = 0; chunk < keys; chunk += 5_000) {
            List<ApiKeySpec> specs = new ArrayList<>(5_000);
            for (int i = chunk; i < chunk + 5_000; i++) {
                byte[] hash = randomHash();
                specs.add(key("consumer-" + (i % 10_000), hash));
                if (i == keys / 2) {
                    probe = hash;
                }
            }
            table.addAll(specs);
        }
        long insertMillis = (System.nanoTime() - start) / 1_000_000;
        long after = usedHeapAfterGc();
        assertThat(table.size()).isEqualTo(keys);
        assertThat(table.find(probe)).isNotNull();

        long lookupStart = System.nanoTime();
        int found = 0;
        for (int i = 0; i < 1_000_000; i++) {
            found += table.find(probe) != null ? 1 : 0;
        }
        long lookupNanos = (System.nanoTime() - lookupStart) / 1_000_000;
        assertThat(found).isEqualTo(1_000_000);
        System.out.printf("KeyTable, %,d keys: inserted in %,d ms; retained heap %,d bytes = %.1f bytes/key "
                        + "(arrays %,d bytes = %.1f bytes/key); lookup %d ns%n", keys, insertMillis, after - before,
                (after - before) / (double) keys, table.arrayBytes(), table.arrayBytes() / (double) keys,
                lookupNanos);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
