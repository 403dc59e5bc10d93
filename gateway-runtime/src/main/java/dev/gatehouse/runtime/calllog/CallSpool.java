package dev.gatehouse.runtime.calllog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ConfigJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches waiting on disk while the admin cannot take them: one file per batch in {@code <node data dir>/spool},
 * holding exactly the gzip-compressed JSON that is sent, named {@code <sequence>-<batchId>.batch.gz} so that names
 * sort oldest first. Files are written to a temporary name and moved into place, so a crash never leaves half a
 * batch under a batch name. The spool never grows past its byte limit: a batch that does not fit is refused.
 * Only the shipper thread uses it (and shutdown, after that thread has stopped).
 *
 * <p>Call records name consumers, key prefixes, paths and client addresses, so on a POSIX file system the spool
 * directory is created {@code 0700} and every file {@code 0600}, with the permissions given at creation (never a
 * readable file made private afterwards). A spool directory left wider by an older version is narrowed on start.
 * On other file systems (Windows) the files take the directory's default access.
 */
final class CallSpool {

    private static final Logger log = LoggerFactory.getLogger(CallSpool.class);
    private static final String SUFFIX = ".batch.gz";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final Set<PosixFilePermission> DIR_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    /** A batch read back from the spool. */
    record Spooled(String name, CallRecordBatch batch, byte[] gzip) {
    }

    private final Path dir;
    private final long maxBytes;
    private final ConfigJson json;
    private final TreeMap<String, Long> files = new TreeMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final boolean posix;
    private long sequence;

    CallSpool(Path dir, long maxBytes, ConfigJson json) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.json = json;
        this.posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.sequence = System.currentTimeMillis() * 1_000;
        load();
    }

    private void load() {
        try {
            createPrivateDirectory();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path file : entries) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        // an interrupted write: never acknowledged, never named as a batch
                        Files.deleteIfExists(file);
                    } else if (name.endsWith(SUFFIX)) {
                        if (posix && !Files.getPosixFilePermissions(file).equals(FILE_PERMISSIONS)) {
                            // spooled by a version that left them readable to others
                            Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
                        }
                        files.put(name, Files.size(file));
                        sequence = Math.max(sequence, sequenceOf(name) + 1);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the call-log spool " + dir, e);
        }
        recount();
        if (!files.isEmpty()) {
            log.info("Call-log spool {} holds {} batches ({} bytes) from before; shipping them first", dir,
                    files.size(), bytes.get());
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (!posix) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            // missing parents (the node data directory) are created private too
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIR_PERMISSIONS)) {
            log.info("Narrowing the call-log spool directory {} to its owner (0700)", dir);
            Files.setPosixFilePermissions(dir, DIR_PERMISSIONS);
        }
    }

    /** Writes a new file readable by the node's user only (on POSIX), with those permissions from the start. */
    private void writeNew(Path file, byte[] content) throws IOException {
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static long sequenceOf(String name) {
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Gzip-compressed JSON of a batch, as sent and as spooled. */
    static byte[] encode(ConfigJson json, CallRecordBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.records().size() * 80 + 64);
        // fastest compression: this runs on the node's cores next to the proxied calls (level 1 costs about a third of
        // the default level's CPU for batches some 20 % larger)
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json.write(batch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static CallRecordBatch decode(ConfigJson json, byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return json.read(in.readAllBytes(), CallRecordBatch.class);
        }
    }

    /** Stores a batch; false when it would take the spool past its limit or the disk refuses it. */
    synchronized boolean write(String batchId, byte[] gzip) {
        if (bytes.get() + gzip.length > maxBytes) {
            return false;
        }
        String name = String.format("%020d-%s%s", sequence++, batchId, SUFFIX);
        Path temp = dir.resolve(TEMP_PREFIX + name);
        try {
            writeNew(temp, gzip);
            try {
                Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Cannot spool call-log batch {} to {}: {}", batchId, dir, e.toString());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do: the batch counts as dropped
            }
            return false;
        }
        files.put(name, (long) gzip.length);
        bytes.addAndGet(gzip.length);
        count.incrementAndGet();
        return true;
    }

    /** The oldest readable batch, or null when the spool is empty; unreadable files are deleted and skipped. */
    synchronized Spooled oldest() {
        while (!files.isEmpty()) {
            String name = files.firstKey();
            try {
                byte[] gzip = Files.readAllBytes(dir.resolve(name));
                return new Spooled(name, decode(json, gzip), gzip);
            } catch (IOException | RuntimeException e) {
                log.warn("Skipping unreadable call-log spool file {}: {}", name, e.toString());
                delete(name);
            }
        }
        return null;
    }

    /** Removes a batch once the admin has acknowledged it. */
    synchronized void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            log.warn("Cannot delete call-log spool file {}: {}", name, e.toString());
        }
        Long size = files.remove(name);
        if (size != null) {
            bytes.addAndGet(-size);
            count.decrementAndGet();
        }
    }

    private void recount() {
        long total = 0;
        for (Map.Entry<String, Long> entry : files.entrySet()) {
            total += entry.getValue();
        }
        bytes.set(total);
        count.set(files.size());
    }

    /** Bytes the spooled batches take. */
    long bytes() {
        return bytes.get();
    }

    /** Batches spooled. */
    long batches() {
        return count.get();
    }

    long maxBytes() {
        return maxBytes;
    }

    Path dir() {
        return dir;
    }
}
