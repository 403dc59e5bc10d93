package dev.gatehouse.runtime.sync;

import java.time.Duration;

import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.runtime.GatehouseProperties;
import dev.gatehouse.runtime.live.ConfigApplied;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.node.HeartbeatContributor;
import dev.gatehouse.runtime.node.HeartbeatStatus;
import dev.gatehouse.runtime.node.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the admin which configuration this node serves: right after every apply and every
 * {@code gatehouse.heartbeat-interval} (5 s). Heartbeats never queue up: while one is in flight, further ticks
 * fold into a single next one. Each carries the configuration served, the cluster id and epoch the node is pinned
 * to and, while it refuses its admin's configuration, why; the other packages add their own state (key usage, the
 * call log's shipping state, circuit breakers that are not closed, the rate-limit mode) as
 * {@link HeartbeatContributor}s, so this package knows none of them. Failures are expected while the admin is down
 * and are logged once per outage.
 */
@Component
public class HeartbeatSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final ClusterClient cluster;
    private final LiveConfigHolder holder;
    private final NodeIdentity identity;
    private final GatehouseProperties properties;
    private final ObjectProvider<HeartbeatContributor> contributors;
    private final ConfigRefusals refusals;
    // multicast so that a stop/start cycle (Spring's test contexts pause and resume) can subscribe again
    private final Sinks.Many<Boolean> triggers = Sinks.many().multicast().directBestEffort();
    private volatile Disposable loop;
    private volatile boolean failing;

    public HeartbeatSender(ClusterClient cluster, LiveConfigHolder holder, NodeIdentity identity,
                           GatehouseProperties properties, ObjectProvider<HeartbeatContributor> contributors,
                           ConfigRefusals refusals) {
        this.refusals = refusals;
        this.contributors = contributors;
        this.cluster = cluster;
        this.holder = holder;
        this.identity = identity;
        this.properties = properties;
    }

    @EventListener
    void onConfigApplied(ConfigApplied applied) {
        // a lost trigger is harmless: the next interval tick reports the same state
        triggers.tryEmitNext(Boolean.TRUE);
    }

    @Override
    public synchronized void start() {
        loop = Flux.merge(Flux.interval(Duration.ZERO, properties.heartbeatInterval()).map(tick -> Boolean.TRUE),
                        triggers.asFlux())
                .onBackpressureLatest()
                .concatMap(tick -> send(), 1)
                .subscribe();
    }

    private Mono<Void> send() {
        return Mono.defer(() -> cluster.heartbeat(heartbeat()))
                .doOnSuccess(done -> {
                    if (failing) {
                        failing = false;
                        log.info("Heartbeats reach the admin at {} again", cluster.adminUrl());
                    }
                })
                .onErrorResume(error -> {
                    if (!failing) {
                        failing = true;
                        log.warn("Heartbeat to the admin at {} failed: {}", cluster.adminUrl(), error.toString());
                    }
                    return Mono.empty();
                });
    }

    /** The heartbeat describing the configuration served now. */
    NodeHeartbeat heartbeat() {
        LiveConfig config = holder.current();
        // looked up per heartbeat: a contributor whose bean is absent (the call log when disabled) reports nothing
        HeartbeatStatus status = new HeartbeatStatus();
        contributors.orderedStream().forEach(contributor -> contributor.contribute(status));
        return new NodeHeartbeat(identity.nodeId(), identity.address(), identity.version(), config.revision(),
                config.hash(), config.source().wireName(), status.keysLastUsed(), status.callLog(),
                status.circuits(), status.rateLimitMode(), config.ready() ? config.state().clusterId() : null,
                config.state().epoch(), refusals.current());
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
