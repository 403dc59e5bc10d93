package dev.gatehouse.runtime.lkg;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.support.Specs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastKnownGoodStoreTests {

    @TempDir
    Path dir;

    private static ConfigSnapshot snapshot(long revision) {
        ServiceSpec orders = service("orders", target(9000));
        return Specs.snapshot(revision, List.of(orders), List.of(route("orders", orders).paths("/orders").build()));
    }

    private LastKnownGoodStore store() {
        return new LastKnownGoodStore(dir.resolve("node"), Specs.JSON);
    }

    @Test
    void fileIsReadableByTheNodeUserOnlyAndRemembersTheCluster() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        LastKnownGoodStore store = store();
        store.write(snapshot(7).withCluster("0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0001", 3));
        // a crash between create and rename leaves a temporary file with whatever mode it had
        Files.writeString(dir.resolve("node").resolve(LastKnownGoodStore.FILE_NAME + ".tmp"), "left over");
        Files.setPosixFilePermissions(dir.resolve("node").resolve(LastKnownGoodStore.FILE_NAME + ".tmp"),
                PosixFilePermissions.fromString("rw-rw-rw-"));
        store.write(snapshot(8).withCluster("0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0001", 3));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node"))))
                .isEqualTo("rwx------");
        LastKnownGood.Loaded loaded = (LastKnownGood.Loaded) store.read();
        assertThat(loaded.state().clusterId()).isEqualTo("0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0001");
        assertThat(loaded.state().epoch()).isEqualTo(3);
        assertThat(loaded.state().revision()).isEqualTo(8);
    }

    @Test
    void missingFileIsReportedAsMissing() {
        assertThat(store().read()).isInstanceOf(LastKnownGood.Missing.class);
    }

    @Test
    void writtenSnapshotReadsBackVerified() throws Exception {
        LastKnownGoodStore store = store();
        store.write(snapshot(7));
        store.write(snapshot(8));

        LastKnownGood read = store.read();
        assertThat(read).isInstanceOf(LastKnownGood.Loaded.class);
        LastKnownGood.Loaded loaded = (LastKnownGood.Loaded) read;
        assertThat(loaded.state().revision()).isEqualTo(8);
        assertThat(loaded.state().toSnapshot()).isEqualTo(snapshot(8));
        assertThat(Files.list(dir.resolve("node")).map(p -> p.getFileName().toString()))
                .containsExactly(LastKnownGoodStore.FILE_NAME);
        String text = Files.readString(store.file(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("{\"format\":2,\"snapshot\":{\"revision\":8").containsPattern(
                "\nsha256:[0-9a-f]{64}\n$");
    }

    @Test
    void keysAreWrittenAndReadBackWithTheirHash() throws Exception {
        ServiceSpec orders = service("orders", target(9000));
        ConsumerSpec acme = Specs.consumer("acme", "partners");
        KeyTable keys = new KeyTable(Specs.HASHER);
        List<Specs.IssuedKey> issued = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Specs.IssuedKey key = Specs.issue(acme, i % 2 == 0 ? 0 : 4_000_000_000_000L,
                    i % 3 == 0 ? KeyScopes.ANY : new KeyScopes(List.of("rt-orders"), List.of(), List.of("public")));
            issued.add(key);
            keys.add(key.spec());
        }
        ConfigState state = ConfigState.empty().apply(new ConfigChangeSet(0, 9, ConfigHash.format(
                Specs.HASHER.digest(orders) + Specs.HASHER.digest(acme) + Specs.HASHER.digest(Specs.settings())),
                List.of(ConfigChange.upsert(orders), ConfigChange.upsert(acme), ConfigChange.upsert(Specs.settings())),
                null, 0),
                Specs.HASHER);
        LastKnownGoodStore store = store();
        store.write(state.toSnapshot(keys.size(), keys.keysHash()), keys.view());

        LastKnownGood.Loaded loaded = (LastKnownGood.Loaded) store.read();
        assertThat(loaded.state()).isEqualTo(state);
        assertThat(loaded.keys().keysHash()).isEqualTo(keys.keysHash());
        assertThat(loaded.keys().view().specs()).containsExactlyInAnyOrderElementsOf(
                issued.stream().map(Specs.IssuedKey::spec).toList());
        Specs.IssuedKey probe = issued.get(17);
        assertThat(loaded.keys().find(Specs.KEY_HASHER.hash(probe.key())).prefix()).isEqualTo(probe.spec().prefix());
    }

    @Test
    void flippedByteInTheKeySectionIsDetected() throws Exception {
        KeyTable keys = new KeyTable(Specs.HASHER);
        keys.add(Specs.issue(Specs.consumer("acme")).spec());
        ConfigState state = ConfigState.empty();
        LastKnownGoodStore store = store();
        store.write(state.toSnapshot(1, keys.keysHash()), keys.view());
        byte[] bytes = Files.readAllBytes(store.file());
        bytes[bytes.length - 120] ^= 1;
        Files.write(store.file(), bytes);

        LastKnownGood read = store.read();
        assertThat(read).isInstanceOf(LastKnownGood.Corrupt.class);
        assertThat(((LastKnownGood.Corrupt) read).reason()).contains("checksum mismatch");
    }

    @Test
    void flippedByteIsDetectedAndTheFileMovedAside() throws Exception {
        LastKnownGoodStore store = store();
        store.write(snapshot(3));
        byte[] bytes = Files.readAllBytes(store.file());
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("/orders");
        bytes[at + 1] = 'O';
        Files.write(store.file(), bytes);

        LastKnownGood read = store.read();
        assertThat(read).isInstanceOf(LastKnownGood.Corrupt.class);
        LastKnownGood.Corrupt corrupt = (LastKnownGood.Corrupt) read;
        assertThat(corrupt.reason()).contains("checksum mismatch");
        assertThat(corrupt.movedTo()).exists();
        assertThat(corrupt.movedTo().getFileName().toString()).startsWith("config.json.corrupt-");
        assertThat(store.file()).doesNotExist();
        assertThat(store.read()).isInstanceOf(LastKnownGood.Missing.class);
    }

    @Test
    void truncatedAndForeignFilesAreCorrupt() throws Exception {
        LastKnownGoodStore store = store();
        store.write(snapshot(3));
        byte[] bytes = Files.readAllBytes(store.file());
        Files.write(store.file(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(store.read()).isInstanceOf(LastKnownGood.Corrupt.class);

        Files.writeString(store.file(), "{\"hello\":\"world\"}");
        assertThat(store.read()).isInstanceOf(LastKnownGood.Corrupt.class);

        Files.write(store.file(), new byte[0]);
        assertThat(store.read()).isInstanceOf(LastKnownGood.Corrupt.class);
    }

    @Test
    void formatOneFilesOfEarlierVersionsStillLoad() throws Exception {
        ConfigSnapshot good = snapshot(4);
        byte[] body = Specs.JSON.write(good);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        LastKnownGoodStore store = store();
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"format\":1,\"sha256\":\"" + sha + "\",\"snapshot\":"
                + new String(body, StandardCharsets.UTF_8) + "}\n");

        LastKnownGood.Loaded loaded = (LastKnownGood.Loaded) store.read();
        assertThat(loaded.state().toSnapshot()).isEqualTo(good);
        assertThat(loaded.keys().size()).isZero();
    }

    @Test
    void snapshotWhoseContentHashIsWrongIsCorruptEvenWithAGoodChecksum() throws Exception {
        ConfigSnapshot good = snapshot(4);
        ConfigSnapshot lying = new ConfigSnapshot(4, "0123456789abcdef", good.services(), good.routes(), List.of(),
                List.of(), null, 0, List.of(), null, 0);
        byte[] body = Specs.JSON.write(lying);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        LastKnownGoodStore store = store();
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"format\":1,\"sha256\":\"" + sha + "\",\"snapshot\":"
                + new String(body, StandardCharsets.UTF_8) + "}\n");

        LastKnownGood read = store.read();
        assertThat(read).isInstanceOf(LastKnownGood.Corrupt.class);
        assertThat(((LastKnownGood.Corrupt) read).reason()).contains("content hash");
    }

    @Test
    void leftoverTemporaryFileDoesNotMatter() throws Exception {
        LastKnownGoodStore store = store();
        store.write(snapshot(5));
        Files.writeString(store.file().resolveSibling("config.json.tmp"), "half a file");
        assertThat(store.read()).isInstanceOf(LastKnownGood.Loaded.class);
        store.write(snapshot(6));
        assertThat(((LastKnownGood.Loaded) store.read()).state().revision()).isEqualTo(6);
    }
}
