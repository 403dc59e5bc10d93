package dev.gatehouse.runtime.calllog;

/** Delivers one gzip-compressed {@link dev.gatehouse.config.CallRecordBatch} to the admin. */
@FunctionalInterface
interface CallTransport {

    /** What became of a batch sent. */
    enum Outcome {
        /** 2xx: stored (or stored before, under the same batch id). */
        ACKNOWLEDGED,
        /** 400, 413 or 422: the admin will never take this batch; retrying it would block every later one. */
        REJECTED,
        /** Unreachable, 5xx, 401 or anything else: keep the batch and retry later. */
        FAILED
    }

    Outcome send(String batchId, byte[] gzip);
}
