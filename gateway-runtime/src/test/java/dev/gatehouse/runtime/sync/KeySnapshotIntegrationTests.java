package dev.gatehouse.runtime.sync;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.lkg.LastKnownGood;
import dev.gatehouse.runtime.lkg.LastKnownGoodStore;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Snapshots whose keys follow in chunks, on the shared main node. */
@MainNode.Test
class KeySnapshotIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    private int status(IssuedKey key, String path) {
        return RawHttp.sendFrom("127.0.0.51", port, "GET", path, "X-API-Key", key.key()).status();
    }

    @Test
    void snapshotWithTwelveThousandKeysInThreeChunksIsSwappedInOnlyWhenComplete() {
        ServiceSpec echo = service("bulk-echo", target(Upstreams.echo().port()));
        ConsumerSpec bulk = Specs.consumer("bulk");
        List<IssuedKey> keys = new ArrayList<>();
        List<ConfigChange> changes = new ArrayList<>(List.of(ConfigChange.upsert(echo), ConfigChange.upsert(bulk),
                ConfigChange.upsert(route("bulk", echo).paths("/bulk").keyAuth().build())));
        for (int i = 0; i < 12_000; i++) {
            IssuedKey key = Specs.issue(bulk);
            keys.add(key);
            changes.add(ConfigChange.upsert(key.spec()));
        }
        long before = holder.current().revision();
        admin.chunkSize(5_000);
        List<String> frames = admin.commitAsSnapshot(changes);
        assertThat(frames).hasSize(1 + 3);
        int keysBefore = holder.current().keys().size();

        admin.pushFrames(frames.subList(0, 3));
        // the snapshot and two chunks have arrived; the node keeps serving what it had
        await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> holder.current().revision() == before);
        assertThat(holder.current().keys().size()).isEqualTo(keysBefore);
        assertThat(RawHttp.send(port, "GET", "/bulk/x").status()).isEqualTo(404);

        admin.pushFrames(frames.subList(3, 4));
        await().atMost(WAIT).until(() -> holder.current().revision() == admin.state().revision());
        assertThat(holder.current().hash()).isEqualTo(ConfigHash.format(admin.contentHash()));
        assertThat(holder.current().keys().size()).isEqualTo(admin.keys().size()).isGreaterThanOrEqualTo(12_000);
        for (int i : new int[] {0, 4_999, 5_000, 9_999, 10_000, 11_999}) {
            assertThat(status(keys.get(i), "/bulk/x")).as("key %d", i).isEqualTo(200);
        }

        LastKnownGoodStore store = new LastKnownGoodStore(MainNode.dataDir(), Specs.JSON);
        await().atMost(WAIT).until(() -> store.read() instanceof LastKnownGood.Loaded loaded
                && loaded.state().revision() == admin.state().revision());
        LastKnownGood.Loaded loaded = (LastKnownGood.Loaded) store.read();
        assertThat(loaded.keys().size()).isEqualTo(admin.keys().size());
        assertThat(loaded.keys().keysHash() + loaded.state().hash()).isEqualTo(admin.contentHash());
    }

    @Test
    void snapshotWhoseKeysDoNotMatchItsHashIsRefusedAndTheNodeResynchronises() {
        ConsumerSpec bulk = Specs.consumer("tamper");
        IssuedKey honest = Specs.issue(bulk);
        IssuedKey substitute = Specs.issue(bulk);
        int streamsBefore = admin.streamRequests().size();
        List<String> frames = admin.commitAsSnapshot(List.of(ConfigChange.upsert(bulk),
                ConfigChange.upsert(honest.spec())));
        List<String> tampered = frames.stream()
                .map(frame -> frame.replace(honest.spec().hash(), substitute.spec().hash())).toList();
        assertThat(tampered).isNotEqualTo(frames);

        admin.pushFrames(tampered);

        await().atMost(WAIT).until(() -> admin.streamRequests().size() > streamsBefore);
        assertThat(admin.streamRequests().get(streamsBefore).revision()).isZero();
        // the full snapshot the node asked for brings it to the admin's state, keys verified
        await().atMost(WAIT).until(() -> holder.current().revision() == admin.state().revision());
        assertThat(holder.current().hash()).isEqualTo(ConfigHash.format(admin.contentHash()));
        assertThat(holder.current().keys().find(Specs.KEY_HASHER.hash(substitute.key()))).isNull();
        assertThat(holder.current().keys().find(Specs.KEY_HASHER.hash(honest.key()))).isNotNull();
    }
}
