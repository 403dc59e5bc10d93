package dev.gatehouse.runtime.lkg;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.support.Specs;
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
        String text = Files.readString(store.file());
        assertThat(text).startsWith("{\"format\":1,\"sha256\":\"").contains("\"snapshot\":{\"revision\":8");
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
    void snapshotWhoseContentHashIsWrongIsCorruptEvenWithAGoodChecksum() throws Exception {
        ConfigSnapshot good = snapshot(4);
        ConfigSnapshot lying = new ConfigSnapshot(4, "0123456789abcdef", good.services(), good.routes());
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
