package dev.gatehouse.admin.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The version column against the real schema: every change advances it, and a write of a copy read before
 * someone else's change fails instead of overwriting it, even when nobody sent If-Match.
 */
@AdminIntegrationTest
class ServiceVersionIntegrationTests {

    @Autowired
    UpstreamService services;
    @Autowired
    ServiceRepository repository;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aWriteOfACopyReadBeforeAnotherChangeFailsAndChangesNothing() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        String name = "versioned-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceView created = services.create(new ServiceRequest(name,
                List.of(new TargetRequest("a.internal", 80, null)), null, null, null, null));
        assertThat(created.version()).isZero();
        UUID id = UUID.fromString(created.id());
        StoredService stale = tx.execute(status -> repository.findWithTargetsById(id).orElseThrow());

        ServiceView changed = services.update(created.id(), new ServiceRequest(null,
                List.of(new TargetRequest("b.internal", 81, null)), null, null, null, null));
        assertThat(changed.version()).isEqualTo(1);
        String fingerprint = AdminApi.fingerprint();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            stale.apply(new ServiceSpec(created.id(), name, Protocol.HTTP, List.of(new TargetSpec("c.internal", 82,
                    5)), "", 1000, 2000), Instant.now());
            repository.save(stale);
        })).isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
        assertThat(services.get(created.id()).targets()).extracting(TargetSpec::host).containsExactly("b.internal");
        assertThat(services.get(created.id()).version()).isEqualTo(1);
    }
}
