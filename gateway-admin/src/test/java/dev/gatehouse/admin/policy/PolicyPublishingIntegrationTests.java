package dev.gatehouse.admin.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestNode;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaPeriod;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateWindow;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Policies and plan limits reach nodes over the real stream, as changes and in snapshots, with matching hashes. */
@AdminIntegrationTest
class PolicyPublishingIntegrationTests {

    private static final Duration PUSH_WITHIN = Duration.ofSeconds(2);

    @LocalServerPort
    int port;
    @Autowired
    PolicyService policies;
    @Autowired
    PlanService plans;
    @Autowired
    RevisionService revisions;
    @Autowired
    JsonMapper mapper;

    @Test
    void policiesAndPlanLimitsReachNodesAsChangesAndInSnapshots() throws Exception {
        String name = "published-" + UUID.randomUUID().toString().substring(0, 8);
        String planName = "published-plan-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient stream = connect(0)) {
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));

            PolicyView created = policies.create(new PolicyRequest(name, true, "global", null, null, null, null,
                    mapper.readTree("{\"type\": \"ip-restriction\", \"deny\": [\"203.0.113.0/24\", \"2001:db8::/32\"]}")));
            ConfigChangeSet set = node.applyNext(stream, PUSH_WITHIN);
            assertThat(set.changes()).singleElement().satisfies(change -> {
                assertThat(change.kind()).isEqualTo(EntityKind.POLICY);
                assertThat(change.op()).isEqualTo(ChangeOp.UPSERT);
            });
            PolicySpec onNode = node.state().policies().get(created.id());
            assertThat(onNode.scope()).isEqualTo(PolicyScope.GLOBAL);
            assertThat(onNode.config()).isEqualTo(new IpRestrictionPolicy(List.of(),
                    List.of("203.0.113.0/24", "2001:db8::/32")));
            assertThat(node.hash()).isEqualTo(revisions.current().hash());

            plans.create(new PlanRequest(planName, null, List.of(new RateLimit(5, RateWindow.SECOND)),
                    List.of(new Quota(100, QuotaPeriod.DAY, null))));
            node.applyNext(stream, PUSH_WITHIN);
            PlanSpec plan = node.state().plans().values().stream().filter(p -> p.name().equals(planName))
                    .findFirst().orElseThrow();
            assertThat(plan.rateLimits()).containsExactly(new RateLimit(5, RateWindow.SECOND));
            assertThat(plan.quotas()).singleElement().satisfies(q -> assertThat(q.calls()).isEqualTo(100));
            assertThat(node.hash()).isEqualTo(revisions.current().hash());

            policies.update(name, new PolicyRequest(null, false, "global", null, null, null, null,
                    mapper.readTree("{\"type\": \"ip-restriction\", \"allow\": [\"10.0.0.0/8\"]}")));
            node.applyNext(stream, PUSH_WITHIN);
            assertThat(node.state().policies().get(created.id()).enabled()).isFalse();
            assertThat(node.hash()).isEqualTo(revisions.current().hash());
        }

        // A fresh node gets both in its snapshot, whose hash it verifies (readSnapshot fails otherwise).
        try (SseClient stream = connect(0)) {
            TestNode fresh = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
            assertThat(fresh.state().policies().values()).anySatisfy(p -> assertThat(p.name()).isEqualTo(name));
            assertThat(fresh.state().plans().values()).anySatisfy(p -> {
                assertThat(p.name()).isEqualTo(planName);
                assertThat(p.rateLimits()).hasSize(1);
            });
            assertThat(new ConfigValidator().validate(fresh.state())).isEmpty();

            policies.delete(name);
            ConfigChangeSet deleted = fresh.applyNext(stream, PUSH_WITHIN);
            assertThat(deleted.changes()).singleElement()
                    .satisfies(change -> assertThat(change.op()).isEqualTo(ChangeOp.DELETE));
            assertThat(fresh.state().policies().values()).noneSatisfy(p -> assertThat(p.name()).isEqualTo(name));
        }
    }

    private SseClient connect(long revision) {
        return SseClient.connect("http://127.0.0.1:" + port + ClusterProtocol.STREAM_PATH + "?"
                        + ClusterProtocol.REVISION_PARAM + "=" + revision,
                "Authorization", "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN,
                ClusterProtocol.NODE_ID_HEADER, "policy-test-node");
    }
}
