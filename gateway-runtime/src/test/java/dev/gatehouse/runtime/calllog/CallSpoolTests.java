package dev.gatehouse.runtime.calllog;

import static dev.gatehouse.runtime.calllog.CallBufferTests.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ConfigJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallSpoolTests {

    private static final ConfigJson JSON = new ConfigJson();

    @TempDir
    Path dir;

    private static byte[] gzip(CallRecordBatch batch) {
        return CallSpool.encode(JSON, batch);
    }

    private static CallRecordBatch batch(String id, int records) {
        return new CallRecordBatch(id, "node", java.util.stream.IntStream.range(0, records)
                .mapToObj(CallBufferTests::record).toList());
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void batchesComeBackOldestFirstWithTheirIdsAndBytes() {
        CallSpool spool = new CallSpool(dir, 1_000_000, JSON);
        CallRecordBatch first = batch("b-1", 3);
        byte[] firstGzip = gzip(first);
        assertThat(spool.write("b-1", firstGzip)).isTrue();
        assertThat(spool.write("b-2", gzip(batch("b-2", 1)))).isTrue();
        assertThat(spool.write("a-3", gzip(batch("a-3", 2)))).isTrue();
        assertThat(spool.batches()).isEqualTo(3);

        CallSpool.Spooled oldest = spool.oldest();
        assertThat(oldest.batch()).isEqualTo(first);
        assertThat(oldest.gzip()).isEqualTo(firstGzip);
        spool.delete(oldest.name());
        assertThat(spool.oldest().batch().batchId()).isEqualTo("b-2");
        assertThat(spool.batches()).isEqualTo(2);
    }

    @Test
    void aRestartedSpoolKeepsTheOrderAndNewBatchesSortAfterOldOnes() {
        CallSpool before = new CallSpool(dir, 1_000_000, JSON);
        before.write("old-1", gzip(batch("old-1", 1)));
        before.write("old-2", gzip(batch("old-2", 1)));
        long bytes = before.bytes();

        CallSpool after = new CallSpool(dir, 1_000_000, JSON);
        assertThat(after.batches()).isEqualTo(2);
        assertThat(after.bytes()).isEqualTo(bytes);
        after.write("new-1", gzip(batch("new-1", 1)));
        for (String expected : List.of("old-1", "old-2", "new-1")) {
            CallSpool.Spooled next = after.oldest();
            assertThat(next.batch().batchId()).isEqualTo(expected);
            after.delete(next.name());
        }
        assertThat(after.oldest()).isNull();
        assertThat(after.bytes()).isZero();
    }

    @Test
    void writesLeaveOnlyCompleteFilesAndLeftoverTemporaryFilesAreRemoved() throws IOException {
        Files.writeString(dir.resolve(".tmp-00000000000000000001-x.batch.gz"), "half a batch");
        CallSpool spool = new CallSpool(dir, 1_000_000, JSON);
        assertThat(spool.batches()).isZero();
        assertThat(fileNames()).isEmpty();

        spool.write("b-1", gzip(batch("b-1", 2)));
        assertThat(fileNames()).singleElement().asString().endsWith("-b-1.batch.gz").doesNotStartWith(".tmp");
    }

    @Test
    void theSpoolRefusesBatchesBeyondItsLimit() {
        byte[] one = gzip(batch("b-1", 50));
        CallSpool spool = new CallSpool(dir, one.length * 2L + 10, JSON);
        assertThat(spool.write("b-1", one)).isTrue();
        assertThat(spool.write("b-2", one)).isTrue();
        assertThat(spool.write("b-3", one)).isFalse();
        assertThat(spool.batches()).isEqualTo(2);
        assertThat(spool.bytes()).isEqualTo(one.length * 2L).isLessThanOrEqualTo(spool.maxBytes());

        spool.delete(spool.oldest().name());
        assertThat(spool.write("b-3", one)).isTrue();
    }

    @Test
    void anUnreadableFileIsSkippedAndRemoved() throws IOException {
        CallSpool spool = new CallSpool(dir, 1_000_000, JSON);
        spool.write("good", gzip(batch("good", 1)));
        // sorts before the good batch
        Files.writeString(dir.resolve("00000000000000000001-bad.batch.gz"), "not gzip");
        CallSpool reopened = new CallSpool(dir, 1_000_000, JSON);
        assertThat(reopened.batches()).isEqualTo(2);

        assertThat(reopened.oldest().batch().batchId()).isEqualTo("good");
        assertThat(reopened.batches()).isEqualTo(1);
        assertThat(fileNames()).noneMatch(name -> name.contains("-bad"));
    }

    @Test
    void spoolDirectoriesAndFilesAreReadableByTheNodesUserOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path spoolDir = dir.resolve("node-data").resolve("spool");
        CallSpool spool = new CallSpool(spoolDir, 1_000_000, JSON);
        assertThat(spool.write("private", gzip(batch("private", 2)))).isTrue();

        assertThat(Files.getPosixFilePermissions(spoolDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(spoolDir.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(spoolDir)) {
            List<Path> spooled = files.toList();
            assertThat(spooled).hasSize(1);
            assertThat(Files.getPosixFilePermissions(spooled.get(0)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aSpoolLeftReadableByAnOlderVersionIsNarrowedOnStart() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path spoolDir = Files.createDirectory(dir.resolve("old-spool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path old = spoolDir.resolve(String.format("%020d-old%s", 1, ".batch.gz"));
        Files.write(old, gzip(batch("old", 1)));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

        CallSpool spool = new CallSpool(spoolDir, 1_000_000, JSON);

        assertThat(spool.oldest().batch().batchId()).isEqualTo("old");
        assertThat(Files.getPosixFilePermissions(spoolDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(old)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
