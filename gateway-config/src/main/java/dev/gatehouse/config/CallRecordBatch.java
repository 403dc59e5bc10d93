package dev.gatehouse.config;

import java.util.List;

/**
 * Call records a node ships in one request ({@code POST} {@link ClusterProtocol#CALLS_PATH}, gzip-compressed JSON).
 * The batch id makes delivery idempotent: a node that did not see the answer sends the same batch again, and the
 * admin stores it once.
 *
 * @param batchId unique id chosen by the node (a UUID)
 * @param nodeId  the sending node
 * @param records the calls, oldest first
 */
public record CallRecordBatch(String batchId, String nodeId, List<CallRecord> records) {

    public CallRecordBatch {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
