package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.web.Problem;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /cluster/v1/calls} (cluster token): a node ships a {@link CallRecordBatch}, gzip-compressed or
 * plain JSON. Answers 204 when stored, 200 when the batch id was stored before (nothing is stored again), and 400
 * problem+json when the batch is refused whole; a node should drop a refused batch rather than resend it.
 */
@RestController
class CallBatchController {

    private final CallBatchReader reader;
    private final CallLogPartitions partitions;
    private final CallIngestion ingestion;
    private final CallIngestMetrics metrics;

    CallBatchController(CallBatchReader reader, CallLogPartitions partitions, CallIngestion ingestion,
                        CallIngestMetrics metrics) {
        this.reader = reader;
        this.partitions = partitions;
        this.ingestion = ingestion;
        this.metrics = metrics;
    }

    @PostMapping(ClusterProtocol.CALLS_PATH)
    ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
        // The body is read as a stream, not bound: the size limit applies after decompression.
        CallRecordBatch batch = reader.read(request.getInputStream(), request.getHeader(HttpHeaders.CONTENT_ENCODING));
        String nodeHeader = request.getHeader(ClusterProtocol.NODE_ID_HEADER);
        if (nodeHeader != null && !nodeHeader.equals(batch.nodeId())) {
            throw new BadBatchException("validation_failed", "nodeId differs from the "
                    + ClusterProtocol.NODE_ID_HEADER + " header",
                    List.of(new Violation("nodeId",
                            "differs from the " + ClusterProtocol.NODE_ID_HEADER + " header")));
        }
        partitions.ensure(CallIngestion.days(batch));
        boolean stored = ingestion.store(batch);
        if (stored) {
            metrics.stored(batch);
        }
        return stored ? ResponseEntity.noContent().build() : ResponseEntity.ok().build();
    }

    @ExceptionHandler(BadBatchException.class)
    ResponseEntity<Object> badBatch(BadBatchException e, HttpServletRequest request) {
        metrics.refused(e.code());
        return Problem.response(HttpStatus.BAD_REQUEST, e.code(), e.getMessage(), request.getRequestURI(),
                e.violations());
    }
}
