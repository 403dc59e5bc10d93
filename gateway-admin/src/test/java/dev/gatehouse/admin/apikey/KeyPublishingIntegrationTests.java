package dev.gatehouse.admin.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.consumer.ConsumerPatch;
import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestNode;
import dev.gatehouse.config.ApiKeyHasher;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ClusterSettingsSpec;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyScopes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Keys, consumers and settings on the node-facing stream: snapshots with key chunks, and change sets. */
@AdminIntegrationTest
class KeyPublishingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    ConsumerService consumers;
    @Autowired
    ApiKeyService keys;
    @Autowired
    KeyHashingSecret secret;
    @Autowired
    RevisionService revisions;
    @Autowired
    ConfigPublisher publisher;
    @Autowired
    ApiKeyRepository repository;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aSnapshotStreamsItsKeysInChunksAndVerifies() throws Exception {
        ConsumerView owner = consumers.create(new ConsumerRequest(unique("bulk"), null, null, null, null, null));
        List<String> ids = bulkKeys(owner, 12_001);
        try {
            try (SseClient stream = connect(0)) {
                TestNode node = TestNode.readSnapshot(stream, WAIT);

                long total = node.snapshot().keyCount();
                assertThat(total).isGreaterThanOrEqualTo(12_001);
                // 5,000 keys per chunk: 12,001 keys alone make 3.
                assertThat(node.chunks()).isEqualTo((int) ((total + 4_999) / 5_000));
                assertThat(node.keys()).containsKeys(ids.toArray(String[]::new));
                assertThat(node.hash()).isEqualTo(node.snapshot().hash());
                assertThat(node.snapshot().hash()).isEqualTo(revisions.current().hash());
                assertThat(node.state().consumers()).containsKey(owner.id());
                assertThat(new ConfigValidator().validate(node.state())).isEmpty();
            }
        } finally {
            consumers.delete(owner.id());
        }
        try (SseClient stream = connect(0)) {
            TestNode node = TestNode.readSnapshot(stream, WAIT);
            assertThat(node.keys()).doesNotContainKeys(ids.get(0), ids.get(12_000));
            assertThat(node.snapshot().hash()).isEqualTo(revisions.current().hash());
        }
    }

    @Test
    void theSnapshotCarriesTheClusterSettings() throws Exception {
        try (SseClient stream = connect(0)) {
            TestNode node = TestNode.readSnapshot(stream, WAIT);
            ClusterSettingsSpec settings = node.state().settings();
            assertThat(settings).isNotNull();
            assertThat(settings.id()).isEqualTo(ClusterSettingsSpec.ID);
            assertThat(settings).isEqualTo(secret.currentEntities().get(0));
        }
    }

    @Test
    void keyAndConsumerChangesArriveAsChangeSetsThatVerify() throws Exception {
        ConsumerView owner = consumers.create(new ConsumerRequest(unique("live"), null, null, null, null, null));
        try (SseClient stream = connect(0)) {
            TestNode node = TestNode.readSnapshot(stream, WAIT);

            IssuedKey issued = keys.issue(owner.id(), null);
            ConfigChangeSet set = node.applyNext(stream, WAIT);
            assertThat(set.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(EntityKind.KEY);
                assertThat(c.op()).isEqualTo(ChangeOp.UPSERT);
            });
            ApiKeySpec held = node.keys().get(issued.id());
            assertThat(held.consumerId()).isEqualTo(owner.id());
            // The node can authenticate the key with the secret it was sent.
            assertThat(new ApiKeyHasher(node.state().settings().keyHashSecret()).hashToString(issued.key()))
                    .isEqualTo(held.hash());
            assertThat(node.hash()).isEqualTo(revisions.current().hash());

            IssuedKey rotated = keys.rotate(owner.id(), issued.id(), new RotateKeyRequest(60));
            node.applyNext(stream, WAIT);
            assertThat(node.keys()).containsKeys(issued.id(), rotated.id());
            assertThat(node.keys().get(issued.id()).expiresAt()).isPositive();
            assertThat(node.hash()).isEqualTo(revisions.current().hash());

            consumers.patch(owner.id(), new ConsumerPatch(null, null, "suspended", null, null, null));
            node.applyNext(stream, WAIT);
            assertThat(node.state().consumers().get(owner.id()).status()).isEqualTo(ConsumerStatus.SUSPENDED);

            keys.revoke(owner.id(), issued.id());
            ConfigChangeSet revoked = node.applyNext(stream, WAIT);
            assertThat(revoked.changes()).singleElement()
                    .satisfies(c -> assertThat(c.op()).isEqualTo(ChangeOp.DELETE));
            assertThat(node.keys()).doesNotContainKey(issued.id()).containsKey(rotated.id());

            consumers.delete(owner.id());
            ConfigChangeSet deleted = node.applyNext(stream, WAIT);
            assertThat(deleted.changes()).extracting(c -> c.kind()).containsExactly(EntityKind.KEY,
                    EntityKind.CONSUMER);
            assertThat(node.keys()).doesNotContainKey(rotated.id());
            assertThat(node.state().consumers()).doesNotContainKey(owner.id());
            assertThat(node.hash()).isEqualTo(revisions.current().hash());
        }
    }

    @Test
    void aNodeResumingAfterKeyChangesGetsOnlyThoseChanges() throws Exception {
        ConsumerView owner = consumers.create(new ConsumerRequest(unique("resume"), null, null, null, null, null));
        TestNode node;
        try (SseClient stream = connect(0)) {
            node = TestNode.readSnapshot(stream, WAIT);
        }
        IssuedKey first = keys.issue(owner.id(), null);
        IssuedKey second = keys.issue(owner.id(), null);
        keys.revoke(owner.id(), first.id());

        try (SseClient stream = connect(node.state().revision())) {
            ConfigChangeSet set = node.applyNext(stream, WAIT);
            assertThat(set.changes()).hasSize(3);
            assertThat(node.keys()).containsKey(second.id()).doesNotContainKey(first.id());
            assertThat(node.hash()).isEqualTo(revisions.current().hash());
        }
        consumers.delete(owner.id());
    }

    /** Stores and publishes many keys in one revision, the way issuing them one by one would, only faster. */
    private List<String> bulkKeys(ConsumerView owner, int count) {
        SecureRandom random = new SecureRandom();
        List<String> ids = new ArrayList<>(count);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            ConfigWrite write = publisher.begin();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<StoredApiKey> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                StoredApiKey key = StoredApiKey.create(UUID.randomUUID(), UUID.fromString(owner.id()),
                        "gwk_bulk" + Integer.toString(i % 10_000 + 1_000, 36), Base64.getUrlEncoder()
                                .withoutPadding().encodeToString(hash), KeyScopes.ANY, now, null);
                batch.add(key);
                ids.add(key.getId().toString());
                write.upsert(null, key.toSpec());
            }
            repository.saveAll(batch);
            publisher.publish(write);
        });
        return ids;
    }

    private SseClient connect(long revision) {
        return SseClient.connect("http://127.0.0.1:" + port + ClusterProtocol.STREAM_PATH + "?"
                        + ClusterProtocol.REVISION_PARAM + "=" + revision,
                "Authorization", "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN,
                ClusterProtocol.NODE_ID_HEADER, "key-test-node");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
