package dev.gatehouse.runtime.lkg;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.keys.KeyFileFormat;
import dev.gatehouse.runtime.keys.KeyTable;

/**
 * The last known good configuration on local disk: {@code <dataDir>/config.json}. Format 2, written now:
 * <pre>
 * {"format":2,"snapshot":{...}}\n      the snapshot (services, routes, consumers, plans, settings, keyCount) as JSON
 * &lt;binary key section&gt;              every API key, see {@link KeyFileFormat} (about 80 bytes per key)
 * \nsha256:&lt;64 hex digits&gt;\n          checksum of everything before it
 * </pre>
 * Format 1 files ({@code {"format":1,"sha256":"...","snapshot":{...}}}, no keys) from earlier versions still load.
 *
 * <p>Writes stream to a temporary file that is forced to disk and then atomically renamed over the old one, so a
 * crash leaves either the old or the new file, never half of one. On POSIX file systems the file is created with
 * mode 0600 and a data directory this store creates with 0700 (set at creation, so the content is never readable
 * by others, not even for a moment); elsewhere the platform's defaults apply. The file carries the cluster id,
 * epoch and revision the node serves, which it compares every offered configuration against after a restart. Reads first check the checksum over the whole
 * file, then parse it and check the snapshot's content hash (keys included); a file that fails is renamed aside
 * ({@code config.json.corrupt-<millis>}) and never read again. Blocking I/O: callers keep it off the event loop.
 */
public final class LastKnownGoodStore {

    /** Name of the file in the data directory. */
    public static final String FILE_NAME = "config.json";

    private static final byte[] V1_PREFIX = "{\"format\":1,\"sha256\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V1_MIDDLE = "\",\"snapshot\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_PREFIX = "{\"format\":2,\"snapshot\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_HEADER_END = "}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER_START = "\nsha256:".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA_HEX_LENGTH = 64;
    private static final int TRAILER_LENGTH = TRAILER_START.length + SHA_HEX_LENGTH + 1;
    /** The file holds key hashes and the cluster's configuration: readable by the node's user only. */
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    /** The data directory, when this store creates it. */
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

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

    /** Writes a snapshot without keys. */
    public void write(ConfigSnapshot snapshot) throws IOException {
        write(snapshot, new KeyTable(hasher).view());
    }

    /** Writes the snapshot and its keys atomically and durably, replacing the previous file. */
    public void write(ConfigSnapshot snapshot, KeyTable.View keys) throws IOException {
        if (snapshot.keyCount() != keys.size()) {
            throw new IllegalArgumentException("snapshot announces " + snapshot.keyCount() + " keys, the view holds "
                    + keys.size());
        }
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        // a leftover from a crash may carry other permissions; the file must be created with ours
        Files.deleteIfExists(tmp);
        MessageDigest sha = sha256();
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel channel = posix
                ? FileChannel.open(tmp, options, PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS))
                : FileChannel.open(tmp, options)) {
            BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, sha));
            out.write(V2_PREFIX);
            out.write(json.write(snapshot));
            out.write(V2_HEADER_END);
            KeyFileFormat.write(keys, out);
            out.flush();
            buffered.write(TRAILER_START);
            buffered.write(HexFormat.of().formatHex(sha.digest()).getBytes(StandardCharsets.US_ASCII));
            buffered.write('\n');
            buffered.flush();
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
            return load(file);
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

    private LastKnownGood.Loaded load(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(Math.max(V1_PREFIX.length, V2_PREFIX.length));
        }
        if (startsWith(head, V2_PREFIX)) {
            return loadV2(file);
        }
        if (startsWith(head, V1_PREFIX)) {
            return new LastKnownGood.Loaded(verifyV1(Files.readAllBytes(file)), new KeyTable(hasher));
        }
        throw new ConfigIntegrityException("not a Gatehouse last known good file (unexpected layout)");
    }

    private LastKnownGood.Loaded loadV2(Path file) throws IOException {
        long size = Files.size(file);
        long body = size - TRAILER_LENGTH;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (body <= V2_PREFIX.length) {
                throw new ConfigIntegrityException("not a Gatehouse last known good file (unexpected layout)");
            }
            String expected = trailer(channel, body);
            String actual = HexFormat.of().formatHex(digest(channel, body));
            if (!actual.equalsIgnoreCase(expected)) {
                throw new ConfigIntegrityException("checksum mismatch: file says " + expected + ", content is "
                        + actual);
            }
            channel.position(0);
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel),
                    1 << 16));
            byte[] header = line(in);
            if (!startsWith(header, V2_PREFIX) || header[header.length - 1] != '}') {
                throw new ConfigIntegrityException("not a Gatehouse last known good file (unexpected layout)");
            }
            ConfigSnapshot snapshot = json.read(Arrays.copyOfRange(header, V2_PREFIX.length, header.length - 1),
                    ConfigSnapshot.class);
            KeyTable keys = KeyFileFormat.read(in, hasher, snapshot.keyCount());
            if (in.readNBytes(TRAILER_LENGTH + 1).length != TRAILER_LENGTH) {
                throw new ConfigIntegrityException("unexpected bytes after the key section");
            }
            return new LastKnownGood.Loaded(ConfigState.fromSnapshot(snapshot, hasher, keys.keysHash()), keys);
        }
    }

    private static String trailer(FileChannel channel, long body) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(TRAILER_LENGTH);
        while (buffer.hasRemaining() && channel.read(buffer, body + buffer.position()) > 0) {
            // read fully
        }
        byte[] bytes = buffer.array();
        if (!startsWith(bytes, TRAILER_START) || bytes[TRAILER_LENGTH - 1] != '\n') {
            throw new ConfigIntegrityException("not a Gatehouse last known good file (no checksum at the end)");
        }
        return new String(bytes, TRAILER_START.length, SHA_HEX_LENGTH, StandardCharsets.US_ASCII);
    }

    private static byte[] digest(FileChannel channel, long length) throws IOException {
        MessageDigest sha = sha256();
        channel.position(0);
        // not closed: closing it would close the channel, which the caller reads again
        DigestInputStream in = new DigestInputStream(Channels.newInputStream(channel), sha);
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new ConfigIntegrityException("file ended early");
            }
            left -= read;
        }
        return sha.digest();
    }

    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(8_192);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new ConfigIntegrityException("file ended early");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private ConfigState verifyV1(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        int bodyStart = V1_PREFIX.length + SHA_HEX_LENGTH + V1_MIDDLE.length;
        if (end <= bodyStart || bytes[end - 1] != '}'
                || !Arrays.equals(bytes, V1_PREFIX.length + SHA_HEX_LENGTH, bodyStart, V1_MIDDLE, 0,
                V1_MIDDLE.length)) {
            throw new ConfigIntegrityException("not a Gatehouse last known good file (unexpected layout)");
        }
        String expected = new String(bytes, V1_PREFIX.length, SHA_HEX_LENGTH, StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOfRange(bytes, bodyStart, end - 1);
        String actual = HexFormat.of().formatHex(sha256().digest(body));
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ConfigIntegrityException("checksum mismatch: file says " + expected + ", content is " + actual);
        }
        return ConfigState.fromSnapshot(json.read(body, ConfigSnapshot.class), hasher);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private void forceDirectory() {
        // makes the rename itself durable; not every platform lets a directory be opened, which is fine
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
