package dev.gatehouse.runtime.lkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;

/**
 * The last known good configuration on local disk: {@code <dataDir>/config.json}, a small JSON envelope
 * {@code {"format":1,"sha256":"<hex>","snapshot":{...}}} whose checksum covers the exact bytes of the snapshot.
 *
 * <p>Writes go to a temporary file that is forced to disk and then atomically renamed over the old one, so a crash
 * leaves either the old or the new file, never half of one. Reads check the checksum and the snapshot's content
 * hash; a file that fails either is renamed aside ({@code config.json.corrupt-<millis>}) so that it is kept for
 * inspection but never read again. Blocking I/O: callers keep it off the event loop.
 */
public final class LastKnownGoodStore {

    /** Name of the file in the data directory. */
    public static final String FILE_NAME = "config.json";

    private static final byte[] PREFIX = "{\"format\":1,\"sha256\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"snapshot\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "}\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA_HEX_LENGTH = 64;

    private final Path dir;
    private final ConfigJson json;
    private final ConfigHash hasher;

    public LastKnownGoodStore(Path dir, ConfigJson json) {
        this.dir = dir;
        this.json = json;
        this.hasher = new ConfigHash(json);
    }

    /** The file this store reads and writes. */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /** Writes the snapshot atomically and durably, replacing the previous one. */
    public void write(ConfigSnapshot snapshot) throws IOException {
        byte[] body = json.write(snapshot);
        byte[] sha = HexFormat.of().formatHex(sha256(body)).getBytes(StandardCharsets.US_ASCII);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (byte[] part : new byte[][] {PREFIX, sha, MIDDLE, body, SUFFIX}) {
                ByteBuffer buffer = ByteBuffer.wrap(part);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        try {
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so only exotic file systems get here; a plain replace is the best they offer
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
    }

    /** Reads and verifies the file; a corrupt file is renamed aside and reported. */
    public LastKnownGood read() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return new LastKnownGood.Missing();
        }
        try {
            return new LastKnownGood.Loaded(verify(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            // whatever is wrong with the file (layout, checksum, JSON, content hash), it must not stop the node
            return new LastKnownGood.Corrupt(String.valueOf(e.getMessage()), quarantine());
        }
    }

    /** Renames the file aside so it is never loaded again; returns where it went, or null if it could not move. */
    public Path quarantine() {
        Path target = dir.resolve(FILE_NAME + ".corrupt-" + System.currentTimeMillis());
        try {
            return Files.move(file(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return null;
        }
    }

    private ConfigState verify(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        int bodyStart = PREFIX.length + SHA_HEX_LENGTH + MIDDLE.length;
        if (end <= bodyStart || bytes[end - 1] != '}'
                || !Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length)
                || !Arrays.equals(bytes, PREFIX.length + SHA_HEX_LENGTH, bodyStart, MIDDLE, 0, MIDDLE.length)) {
            throw new ConfigIntegrityException("not a Gatehouse last known good file (unexpected layout)");
        }
        String expected = new String(bytes, PREFIX.length, SHA_HEX_LENGTH, StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOfRange(bytes, bodyStart, end - 1);
        String actual = HexFormat.of().formatHex(sha256(body));
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ConfigIntegrityException("checksum mismatch: file says " + expected + ", content is " + actual);
        }
        return ConfigState.fromSnapshot(json.read(body, ConfigSnapshot.class), hasher);
    }

    private void forceDirectory() {
        // makes the rename itself durable; not every platform lets a directory be opened, which is fine
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
