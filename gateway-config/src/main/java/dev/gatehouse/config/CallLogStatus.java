package dev.gatehouse.config;

/**
 * How a node's call-log shipping is doing, reported in every heartbeat and shown on the console's node page.
 *
 * @param bufferedRecords records waiting in memory
 * @param bufferCapacity  how many records the memory buffer holds
 * @param spooledBatches  batches waiting on disk while the admin is unreachable
 * @param spooledBytes    bytes those batches take on disk
 * @param spoolCapacity   the most bytes the spool may take
 * @param droppedRecords  records dropped since the node started because buffer and spool were full
 * @param shippedRecords  records the admin has acknowledged since the node started
 */
public record CallLogStatus(long bufferedRecords, long bufferCapacity, long spooledBatches, long spooledBytes,
                            long spoolCapacity, long droppedRecords, long shippedRecords) {
}
