package dev.gatehouse.runtime.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyChangeHandler;
import dev.gatehouse.config.KeyChunk;
import dev.gatehouse.config.NodeHeartbeat;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stand-in for the admin's cluster API, enough to drive a node: the SSE configuration stream (snapshot with its
 * keys in chunks, or the change sets after the node's revision, then every later commit, with keep-alive comments),
 * heartbeats and call-log batches (gzip JSON, answered with {@link #callsStatus}), all behind the bearer cluster
 * token. It records what nodes asked for and sent. It also serves a JWK set at {@link #jwksUrl()} (no token
 * needed), as an identity provider would.
 */
public final class FakeAdmin implements AutoCloseable {

    /** Path of the JWK set this admin also serves. */
    public static final String JWKS_PATH = "/test/jwks.json";

    /** One request for the configuration stream. */
    public record StreamRequest(long revision, String nodeId) {
    }

    private final List<Sinks.Many<String>> streams = new CopyOnWriteArrayList<>();
    private final List<StreamRequest> streamRequests = new CopyOnWriteArrayList<>();
    private final List<NodeHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger unauthorizedStreams = new AtomicInteger();
    private final List<ConfigChangeSet> history = new ArrayList<>();
    private final Map<String, ApiKeySpec> keys = new HashMap<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final List<CallRecordBatch> callBatches = new CopyOnWriteArrayList<>();
    private final List<CallRecordBatch> callAttempts = new CopyOnWriteArrayList<>();
    private volatile int callsStatus = 200;
    private volatile String jwks = "{\"keys\":[]}";
    private volatile String token;
    private volatile int chunkSize = 5_000;
    private long keysHash;
    private ConfigState state;
    private DisposableServer server;
    private Disposable keepAlive;

    private FakeAdmin(String token, ConfigState initial) {
        this.token = token;
        this.state = initial;
    }

    /** Starts on a random port with an empty configuration. */
    public static FakeAdmin start(String token) {
        return start(token, 0, ConfigState.empty());
    }

    /** Starts on {@code port} holding {@code initial}. */
    public static FakeAdmin start(String token, int port, ConfigState initial) {
        return start(token, port, initial, List.of());
    }

    /** Starts on {@code port} holding {@code initial} and these keys. */
    public static FakeAdmin start(String token, int port, ConfigState initial, Collection<ApiKeySpec> keys) {
        FakeAdmin admin = new FakeAdmin(token, initial);
        for (ApiKeySpec key : keys) {
            admin.keys.put(key.id(), key);
            admin.keysHash += Specs.HASHER.digest(key);
        }
        admin.server = HttpServer.create().host("127.0.0.1").port(port).handle(admin::handle).bindNow();
        admin.keepAlive = Flux.interval(Duration.ofSeconds(2)).subscribe(tick -> admin.emit(": keep-alive\n\n"));
        return admin;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Accepts {@code value} as the cluster token from now on. */
    public void token(String value) {
        token = value;
    }

    public List<StreamRequest> streamRequests() {
        return List.copyOf(streamRequests);
    }

    public List<NodeHeartbeat> heartbeats() {
        return List.copyOf(heartbeats);
    }

    /** Requests of any kind refused for a wrong or missing token. */
    public int unauthorizedCount() {
        return unauthorized.get();
    }

    /** Stream requests refused for a wrong or missing token. */
    public int unauthorizedStreamCount() {
        return unauthorizedStreams.get();
    }

    public synchronized ConfigState state() {
        return state;
    }

    /** Commits upserts of these objects as one revision and pushes it to connected nodes; returns the revision. */
    public long upsert(ConfigEntity... entities) {
        List<ConfigChange> changes = new ArrayList<>();
        for (ConfigEntity e : entities) {
            changes.add(ConfigChange.upsert(e));
        }
        return commit(changes);
    }

    /** Commits a delete and pushes it; returns the revision. */
    public long delete(EntityKind kind, String id) {
        return commit(List.of(ConfigChange.delete(kind, id)));
    }

    /** Commits changes as one revision, with the right hash, and pushes them to every connected node. */
    public synchronized long commit(List<ConfigChange> changes) {
        ConfigChangeSet set = applyToState(changes);
        history.add(set);
        pushRaw(ClusterProtocol.CHANGES_EVENT, state.revision(), Specs.JSON.writeString(set));
        return state.revision();
    }

    /**
     * Commits changes as one revision but, as after a change log reset, announces it as a full snapshot followed by
     * its keys in chunks; returns those frames without sending them, for the caller to push one by one.
     */
    public synchronized List<String> commitAsSnapshot(List<ConfigChange> changes) {
        applyToState(changes);
        history.clear();
        return snapshotFrames();
    }

    /**
     * Replaces everything this admin holds (its change log and keys too), as an admin restarted on another database
     * would, and ends every open stream so that nodes reconnect to it.
     */
    public synchronized void replaceState(ConfigState next) {
        state = next;
        history.clear();
        keys.clear();
        keysHash = 0;
        disconnectAll();
    }

    /** Keys per {@code keys} event (the admin sends about 5,000). */
    public void chunkSize(int value) {
        chunkSize = value;
    }

    /** The keys the admin holds. */
    public synchronized Map<String, ApiKeySpec> keys() {
        return Map.copyOf(keys);
    }

    /** The content hash of everything, keys included. */
    public synchronized long contentHash() {
        return state.hash() + keysHash;
    }

    /** Serves {@code json} at {@link #jwksUrl()} from now on. */
    public void jwks(String json) {
        jwks = json;
    }

    /** Where the JWK set is served. */
    public String jwksUrl() {
        return url() + JWKS_PATH;
    }

    /** How often the JWK set was fetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /**
     * Call-record batches stored, each once (a batch id sent again is acknowledged but not stored again), in the
     * order received.
     */
    public List<CallRecordBatch> callBatches() {
        return List.copyOf(callBatches);
    }

    /** Every call-log batch received, accepted or not, resends included. */
    public List<CallRecordBatch> callAttempts() {
        return List.copyOf(callAttempts);
    }

    /** Answers call-log POSTs with {@code status} from now on (200 stores them; 503 refuses them unread). */
    public void callsStatus(int status) {
        callsStatus = status;
    }

    /** Pushes raw SSE frames (as {@link #commitAsSnapshot} returns them) to every connected node. */
    public void pushFrames(List<String> frames) {
        frames.forEach(this::emit);
    }

    private ConfigChangeSet applyToState(List<ConfigChange> changes) {
        Map<String, ConfigEntity> objects = new HashMap<>();
        state.services().forEach((id, e) -> objects.put("service/" + id, e));
        state.routes().forEach((id, e) -> objects.put("route/" + id, e));
        state.consumers().forEach((id, e) -> objects.put("consumer/" + id, e));
        state.plans().forEach((id, e) -> objects.put("plan/" + id, e));
        state.policies().forEach((id, e) -> objects.put("policy/" + id, e));
        keys.forEach((id, e) -> objects.put("key/" + id, e));
        if (state.settings() != null) {
            objects.put("settings/" + state.settings().id(), state.settings());
        }
        long hash = state.hash() + keysHash;
        for (ConfigChange change : changes) {
            String key = change.kind().name().toLowerCase() + "/" + change.id();
            ConfigEntity before = change.op() == ChangeOp.UPSERT
                    ? objects.put(key, change.entity()) : objects.remove(key);
            hash = Specs.HASHER.update(hash, before, change.entity());
        }
        // stamped with the cluster identity of the state it starts from, as the admin stamps what it sends
        ConfigChangeSet set = new ConfigChangeSet(state.revision(), state.revision() + 1, ConfigHash.format(hash),
                changes, state.clusterId(), state.epoch());
        state = state.apply(set, Specs.HASHER, new KeyChangeHandler() {
            @Override
            public long apply(ConfigChange change) {
                ApiKeySpec before = change.op() == ChangeOp.UPSERT
                        ? keys.put(change.id(), (ApiKeySpec) change.entity()) : keys.remove(change.id());
                long delta = Specs.HASHER.update(0, before, change.entity());
                keysHash += delta;
                return delta;
            }

            @Override
            public long keysHash() {
                return keysHash;
            }
        });
        return set;
    }

    private List<String> snapshotFrames() {
        List<String> frames = new ArrayList<>();
        ConfigSnapshot snapshot = state.toSnapshot(keys.size(), keysHash);
        frames.add("event: snapshot\nid: " + snapshot.revision() + "\ndata: " + Specs.JSON.writeString(snapshot)
                + "\n\n");
        List<ApiKeySpec> all = new ArrayList<>(keys.values());
        for (int from = 0; from < all.size(); from += chunkSize) {
            KeyChunk chunk = new KeyChunk(snapshot.revision(),
                    all.subList(from, Math.min(all.size(), from + chunkSize)));
            frames.add("event: keys\nid: " + snapshot.revision() + "\ndata: " + Specs.JSON.writeString(chunk)
                    + "\n\n");
        }
        return frames;
    }

    /** Pushes an arbitrary event to every connected node (to test how nodes treat bad data). */
    public void pushRaw(String event, long id, String data) {
        emit("event: " + event + "\nid: " + id + "\ndata: " + data + "\n\n");
    }

    /** Ends every open stream, as an admin restart would. */
    public synchronized void disconnectAll() {
        for (Sinks.Many<String> stream : streams) {
            stream.tryEmitComplete();
        }
    }

    private synchronized void emit(String frame) {
        for (Sinks.Many<String> stream : streams) {
            stream.tryEmitNext(frame);
        }
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(JWKS_PATH)) {
            jwksFetches.incrementAndGet();
            return response.status(200).header("Content-Type", "application/json").sendString(Mono.just(jwks)).then();
        }
        if (!("Bearer " + token).equals(request.requestHeaders().get("Authorization"))) {
            unauthorized.incrementAndGet();
            if (path.equals(ClusterProtocol.STREAM_PATH)) {
                unauthorizedStreams.incrementAndGet();
            }
            return request.receive().then(response.status(401)
                    .header("Content-Type", "application/problem+json")
                    .sendString(Mono.just("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"code\":\"unauthorized\"}"))
                    .then());
        }
        if (path.equals(ClusterProtocol.STREAM_PATH) && request.method().name().equals("GET")) {
            return stream(request, response);
        }
        if (path.equals(ClusterProtocol.HEARTBEAT_PATH) && request.method().name().equals("POST")) {
            return request.receive().aggregate().asString(StandardCharsets.UTF_8)
                    .doOnNext(body -> heartbeats.add(Specs.JSON.read(body, NodeHeartbeat.class)))
                    .then(response.status(204).send());
        }
        if (path.equals(ClusterProtocol.CALLS_PATH) && request.method().name().equals("POST")) {
            return request.receive().aggregate().asByteArray()
                    .flatMap(body -> {
                        if (!"gzip".equals(request.requestHeaders().get("Content-Encoding"))) {
                            return response.status(415).send().then();
                        }
                        CallRecordBatch batch = Specs.JSON.read(gunzip(body), CallRecordBatch.class);
                        callAttempts.add(batch);
                        int status = callsStatus;
                        if (status / 100 == 2) {
                            synchronized (callBatches) {
                                if (callBatches.stream().noneMatch(b -> b.batchId().equals(batch.batchId()))) {
                                    callBatches.add(batch);
                                }
                            }
                        }
                        return response.status(status).send().then();
                    });
        }
        return response.status(404).send();
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(ClusterProtocol.REVISION_PARAM);
        long revision = values == null ? 0 : Long.parseLong(values.get(0));
        streamRequests.add(new StreamRequest(revision, request.requestHeaders().get(ClusterProtocol.NODE_ID_HEADER)));
        Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
        synchronized (this) {
            for (String frame : catchUp(revision)) {
                sink.tryEmitNext(frame);
            }
            streams.add(sink);
        }
        return response.header("Content-Type", "text/event-stream")
                .sendString(sink.asFlux().doFinally(signal -> streams.remove(sink)), StandardCharsets.UTF_8)
                .then();
    }

    private List<String> catchUp(long revision) {
        List<String> frames = new ArrayList<>();
        if (revision == state.revision()) {
            return frames;
        }
        List<ConfigChangeSet> after = history.stream().filter(set -> set.fromRevision() >= revision).toList();
        if (revision > 0 && !after.isEmpty() && after.get(0).fromRevision() == revision) {
            for (ConfigChangeSet set : after) {
                frames.add("event: changes\nid: " + set.toRevision() + "\ndata: " + Specs.JSON.writeString(set)
                        + "\n\n");
            }
        } else {
            frames.addAll(snapshotFrames());
        }
        return frames;
    }

    @Override
    public void close() {
        keepAlive.dispose();
        disconnectAll();
        server.disposeNow(Duration.ofSeconds(2));
    }
}
