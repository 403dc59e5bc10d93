package dev.gatehouse.runtime.calllog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Call-log settings, bound from {@code gatehouse.call-log.*} (environment {@code GATEHOUSE_CALL_LOG_*}).
 *
 * @param enabled       record and ship one call record per request (default true)
 * @param bufferSize    records held in memory before new ones are spooled or dropped (default 100,000)
 * @param batchSize     most records per shipped batch (default 500)
 * @param flushInterval longest time a record waits in memory before its batch is shipped (default 1 s)
 * @param spoolMaxBytes most disk space the spool in {@code <node data dir>/spool} may take (default 256 MB)
 */
@ConfigurationProperties("gatehouse.call-log")
public record CallLogProperties(Boolean enabled, Integer bufferSize, Integer batchSize, Duration flushInterval,
                                DataSize spoolMaxBytes) {

    public CallLogProperties {
        enabled = enabled == null || enabled;
        bufferSize = bufferSize == null || bufferSize < 1 ? 100_000 : bufferSize;
        batchSize = batchSize == null || batchSize < 1 ? 500 : batchSize;
        flushInterval = flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()
                ? Duration.ofSeconds(1) : flushInterval;
        spoolMaxBytes = spoolMaxBytes == null ? DataSize.ofMegabytes(256) : spoolMaxBytes;
    }
}
