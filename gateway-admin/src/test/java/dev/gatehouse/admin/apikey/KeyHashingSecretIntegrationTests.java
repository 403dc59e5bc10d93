package dev.gatehouse.admin.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.ClusterSettingsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The key-hashing secret: generated once, published once, whoever races for it. */
@AdminIntegrationTest
class KeyHashingSecretIntegrationTests {

    @Autowired
    KeyHashingSecret secret;
    @Autowired
    ClusterSettingsRepository repository;
    @Autowired
    ConfigPublisher publisher;
    @Autowired
    RevisionService revisions;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void startingAgainChangesNothing() throws Exception {
        ClusterSettingsSpec before = secret.currentEntities().get(0);
        long revision = AdminApi.revision();

        race(4);

        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(secret.currentEntities()).containsExactly(before);
    }

    @Test
    void adminsStartingAtOnceOnAnEmptyDatabasePublishExactlyOneSecret() throws Exception {
        // Back to the state before any admin started: no secret stored or published.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            ConfigWrite write = publisher.begin();
            ClusterSettingsSpec published = secret.currentEntities().get(0);
            repository.deleteAll();
            publisher.publish(write.delete(published));
        });
        long revision = AdminApi.revision();
        String hashBefore = revisions.current().hash();

        race(4);

        assertThat(AdminApi.revision()).isEqualTo(revision + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM cluster_settings")).isEqualTo(1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (revision + 1)
                + " AND kind = 'settings' AND op = 'upsert'")).isEqualTo(1);
        ClusterSettingsSpec now = secret.currentEntities().get(0);
        assertThat(now.keyHashSecret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(secret.hasher().hashToString("gwk_x"))
                .isEqualTo(new dev.gatehouse.config.ApiKeyHasher(now.keyHashSecret()).hashToString("gwk_x"));
        assertThat(revisions.current().hash()).isNotEqualTo(hashBefore);
    }

    /** Runs {@link KeyHashingSecret#ensure()} from several threads released at the same moment. */
    private void race(int admins) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        CyclicBarrier start = new CyclicBarrier(admins);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    secret.ensure();
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
