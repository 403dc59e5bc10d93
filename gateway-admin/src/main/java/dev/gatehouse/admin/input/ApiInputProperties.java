package dev.gatehouse.admin.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send to the admin's JSON endpoints, bound from {@code gatehouse.api.*}. They keep one
 * request from costing the admin much memory or CPU; real configurations stay far below them.
 *
 * @param maxBodySize      largest request body on {@code /api/**}; a larger one is answered 413
 * @param maxNodeBodySize  largest request body on {@code /cluster/**}: a node's heartbeat lists every API key used
 *                         since the last one (up to 200,000, about 11 MB); call-log batches have their own
 *                         {@code gatehouse.call-log.max-batch-size}
 * @param maxImportBodySize largest configuration document {@code POST /api/v1/config/import} takes: a whole
 *                         configuration of about 20,000 routes with their policies fits, while its parsed tree
 *                         (several times the text) stays a modest amount of the admin's memory
 * @param maxItems         most entries in any one JSON array or object of a request (paths, hosts, methods, scopes,
 *                         policy lists, header maps); a service's targets and a policy's lists may hold ten
 *                         times as many
 */
@ConfigurationProperties("gatehouse.api")
public record ApiInputProperties(@DefaultValue("1MB") DataSize maxBodySize,
                                 @DefaultValue("16MB") DataSize maxNodeBodySize,
                                 @DefaultValue("16MB") DataSize maxImportBodySize,
                                 @DefaultValue("100") int maxItems) {

    public ApiInputProperties {
        if (maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("gatehouse.api.max-body-size must be at least 1KB");
        }
        if (maxNodeBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("gatehouse.api.max-node-body-size must be at least 1KB");
        }
        if (maxImportBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("gatehouse.api.max-import-body-size must be at least 1KB");
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException("gatehouse.api.max-items must be at least 1");
        }
    }
}
