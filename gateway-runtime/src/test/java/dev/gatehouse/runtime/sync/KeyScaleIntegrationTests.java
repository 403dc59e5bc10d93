package dev.gatehouse.runtime.sync;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.lkg.LastKnownGoodStore;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scale bar: a snapshot of {@code gatehouse.scale.keys} keys (default 1,000,000) pushed through the real stream
 * to a node, with time to apply, heap and last-known-good size printed. Opt-in, run alone (about a minute):
 * {@code mvn -o -pl gateway-runtime verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=KeyScaleIntegrationTests -Dgatehouse.scale=true}. Measured on the 2-core CI machine: 1,000,000 keys
 * applied 10.7 s after the first frame, key table arrays 111 MB, last known good file 81 MB (reloads in ~1 s).
 */
@MainNode.Test
@EnabledIfSystemProperty(named = "gatehouse.scale", matches = "true")
class KeyScaleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    @Test
    void aMillionKeysArriveInChunksAndServe() throws Exception {
        int count = Integer.getInteger("gatehouse.scale.keys", 1_000_000);
        FakeAdmin admin = MainNode.admin();
        ServiceSpec echo = service("scale-echo", target(Upstreams.echo().port()));
        ConsumerSpec consumer = Specs.consumer("scale");
        IssuedKey real = Specs.issue(consumer);
        List<ConfigChange> changes = new ArrayList<>(List.of(ConfigChange.upsert(echo), ConfigChange.upsert(consumer),
                ConfigChange.upsert(route("scale", echo).paths("/scale").keyAuth().build()),
                ConfigChange.upsert(real.spec())));
        Random random = new Random(7);
        for (int i = 1; i < count; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            changes.add(ConfigChange.upsert(new ApiKeySpec(new UUID(random.nextLong(), random.nextLong()).toString(),
                    consumer.id(), String.format("gwk_%08d", i),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(hash), 0, KeyScopes.ANY)));
        }
        long heapBefore = usedHeapAfterGc();
        List<String> frames = admin.commitAsSnapshot(changes);
        changes = null;
        long start = System.nanoTime();
        admin.pushFrames(frames);
        frames = null;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> holder.current().revision() == admin.state().revision());
        long applyMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(holder.current().hash()).isEqualTo(ConfigHash.format(admin.contentHash()));
        assertThat(RawHttp.send(port, "GET", "/scale/x", "X-API-Key", real.key()).status()).isEqualTo(200);

        LastKnownGoodStore store = new LastKnownGoodStore(MainNode.dataDir(), Specs.JSON);
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> Files.size(store.file()) > 60L * count);
        System.out.printf("%,d keys: pushed and applied in %,d ms; node key table arrays %,d bytes; "
                        + "JVM heap after GC grew by %,d bytes (node and fake admin); last known good file %,d bytes%n",
                count, applyMillis, holder.current().keys().arrayBytes(), usedHeapAfterGc() - heapBefore,
                Files.size(store.file()));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
