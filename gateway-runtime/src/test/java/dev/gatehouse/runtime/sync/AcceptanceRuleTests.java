package dev.gatehouse.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigRefusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of what a node takes from an admin and what it refuses. */
class AcceptanceRuleTests {

    private static final String A = "0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0001";
    private static final String B = "5c2d3e4f-1111-4a2b-8c3d-000000000002";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", textBlock = """
            # case                                       | held: ready, cluster, epoch, rev, empty | offer: snapshot, cluster, epoch, rev, empty | refusal
            first start takes any cluster,                 false, null, 0, 0, true,   true,  B,    1, 3,  false, accept
            first start takes even an empty snapshot,      false, null, 0, 0, true,   true,  B,    1, 0,  true,  accept
            same cluster newer snapshot,                   true,  A,    1, 5, false,  true,  A,    1, 6,  false, accept
            same cluster same revision again,              true,  A,    1, 5, false,  true,  A,    1, 5,  false, accept
            same cluster newer changes,                    true,  A,    1, 5, false,  false, A,    1, 6,  false, accept
            same cluster older snapshot,                   true,  A,    1, 5, false,  true,  A,    1, 4,  false, older-revision
            same cluster older changes,                    true,  A,    1, 5, false,  false, A,    1, 4,  false, older-revision
            other cluster,                                 true,  A,    1, 5, false,  true,  B,    1, 9,  false, other-cluster
            other cluster with a higher epoch,             true,  A,    1, 5, false,  true,  B,    7, 9,  false, other-cluster
            admin without cluster identity,                true,  A,    1, 5, false,  true,  null, 0, 9,  false, other-cluster
            empty snapshot replacing a non-empty one,      true,  A,    1, 5, false,  true,  A,    1, 6,  true,  empty-configuration
            empty snapshot replacing an empty one,         true,  A,    1, 5, true,   true,  A,    1, 6,  true,  accept
            higher epoch older revision,                   true,  A,    1, 5, false,  true,  A,    2, 1,  false, accept
            higher epoch empty snapshot (force restore),   true,  A,    1, 5, false,  true,  A,    2, 1,  true,  accept
            lower epoch,                                   true,  A,    2, 5, false,  true,  A,    1, 9,  false, older-epoch
            unpinned configuration takes a cluster id,     true,  null, 0, 5, false,  true,  A,    1, 6,  false, accept
            unpinned configuration still refuses older,    true,  null, 0, 5, false,  true,  A,    1, 4,  false, older-revision
            unpinned configuration still refuses empty,    true,  null, 0, 5, false,  true,  A,    9, 6,  true,  empty-configuration
            """, delimiter = ',')
    void decides(String description, boolean ready, String heldCluster, long heldEpoch, long heldRevision,
                 boolean heldEmpty, boolean snapshot, String offeredCluster, long offeredEpoch, long offeredRevision,
                 boolean offeredEmpty, String expected) {
        ConfigRefusal refusal = AcceptanceRule.refusal(
                new AcceptanceRule.Held(ready, heldCluster, heldEpoch, heldRevision, heldEmpty),
                new AcceptanceRule.Offer(snapshot, offeredCluster, offeredEpoch, offeredRevision, offeredEmpty));

        if (expected.equals("accept")) {
            assertThat(refusal).as(description).isNull();
        } else {
            assertThat(refusal).as(description).isNotNull();
            assertThat(refusal.reason()).isEqualTo(expected);
            assertThat(refusal.clusterId()).isEqualTo(offeredCluster);
            assertThat(refusal.epoch()).isEqualTo(offeredEpoch);
            assertThat(refusal.revision()).isEqualTo(offeredRevision);
            assertThat(refusal.message()).isNotBlank();
        }
    }
}
