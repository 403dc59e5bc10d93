package dev.gatehouse.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publisher's batch mode: many feature writes in one transaction commit as one revision with every change
 * logged and audited under it, a batch that changes nothing gives its revision back, a failing one publishes
 * nothing, and outside a batch every write is still its own revision.
 */
@AdminIntegrationTest
class ConfigPublisherBatchIntegrationTests {

    @Autowired
    ConfigPublisher publisher;
    @Autowired
    UpstreamService services;
    @Autowired
    PlatformTransactionManager transactions;

    private static ServiceRequest service(String name, int port) {
        return new ServiceRequest(name, List.of(new TargetRequest("127.0.0.1", port, null)), null, null, null, null);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void manyWritesInABatchAreOneRevisionWithItsReason() throws Exception {
        String a = unique("batch-a");
        String b = unique("batch-b");
        long before = AdminApi.revision();
        ConfigPublisher.Batched<String> batched = new TransactionTemplate(transactions).execute(status ->
                publisher.inBatch("import", () -> {
                    services.create(service(a, 9001));
                    services.create(service(b, 9002));
                    services.update(a, service(a, 9003));
                    return "done";
                }));
        assertThat(batched.value()).isEqualTo("done");
        assertThat(batched.revision()).hasValue(before + 1);
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (before + 1)))
                .isEqualTo(3);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE revision = " + (before + 1)
                + " AND object_name IN ('" + a + "', '" + b + "')")).isEqualTo(3);
        assertThat(services.get(a).targets().get(0).port()).isEqualTo(9003);
    }

    @Test
    void aBatchThatChangesNothingLeavesNoRevision() throws Exception {
        String a = unique("batch-same");
        services.create(service(a, 9001));
        long before = AdminApi.revision();
        ConfigPublisher.Batched<Void> batched = new TransactionTemplate(transactions).execute(status ->
                publisher.inBatch("import", () -> {
                    services.update(a, service(a, 9001));
                    return null;
                }));
        assertThat(batched.revision()).isEmpty();
        assertThat(AdminApi.revision()).isEqualTo(before);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_revisions WHERE revision > " + before))
                .isZero();
        // and the next ordinary write takes the next revision, no gap
        services.update(a, service(a, 9002));
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
    }

    @Test
    void aFailingBatchPublishesNothing() throws Exception {
        String a = unique("batch-fail");
        long before = AdminApi.revision();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).execute(status ->
                publisher.inBatch("import", () -> {
                    services.create(service(a, 9001));
                    throw new IllegalStateException("boom");
                }))).hasMessage("boom");
        assertThat(AdminApi.revision()).isEqualTo(before);
        assertThat(services.find(a)).isEmpty();
        assertThat(publisher.inBatch()).isFalse();
    }
}
