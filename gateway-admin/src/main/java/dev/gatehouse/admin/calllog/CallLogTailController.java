package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.web.Problem;
import dev.gatehouse.config.Violation;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tail for the console's logs page: a server-sent event stream ({@code GET /logs/tail}) that every second
 * sends, as {@code call} events, the calls stored since the last look that match the page's filters ({@code route},
 * {@code service}, {@code consumer}, {@code keyPrefix}, {@code status} such as {@code 404} or {@code 5xx},
 * {@code minLatencyMs}, {@code requestId}; the logs API's rules, a bad one answers 400 problem+json).
 *
 * <p>The tail follows ingestion order, not call time: nodes ship batches out of timestamp order (a node that
 * spooled while the admin was away sends old calls late), and each stored batch takes an {@code ingest_seq} in
 * commit order ({@link CallIngestion}). Every tick reads the highest committed sequence number, then the matching
 * calls of the batches up to it, so a call is sent once, however late it arrives. The position is read from the
 * database, so any admin instance can serve a tail. Each event's id is the position after it ({@link TailCursor});
 * when batches passed without a matching call, a {@code position} event moves it on. A stream ends after
 * {@link #LIFETIME} and the browser's EventSource reconnects with {@code Last-Event-ID} (or the page with
 * {@code after} on resume), continuing exactly there. A new tail first sends the matching calls of the last
 * {@link #START_BACK} (at most {@link #START_CALLS}).
 */
@ConsoleController
class CallLogTailController {

    static final Duration LIFETIME = Duration.ofMinutes(2);
    static final Duration START_BACK = Duration.ofSeconds(30);
    static final int START_CALLS = 100;
    /** Calls read per query; a tick reads until caught up or {@link #MAX_PER_TICK}, then goes on next tick. */
    static final int PAGE = 500;
    static final int MAX_PER_TICK = 2_000;

    private final CallLogService logs;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "call-log-tail");
        thread.setDaemon(true);
        return thread;
    });

    CallLogTailController(CallLogService logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @GetMapping(path = "/logs/tail", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<?> tail(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                           @RequestParam(required = false) String after,
                           @RequestParam(required = false) String route,
                           @RequestParam(required = false) String service,
                           @RequestParam(required = false) String consumer,
                           @RequestParam(required = false) String keyPrefix,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String minLatencyMs,
                           @RequestParam(required = false) String requestId,
                           HttpServletRequest request) {
        List<Violation> violations = new ArrayList<>();
        CallLogFilter filter = CallLogFilter.parse(route, service, consumer, keyPrefix, status, minLatencyMs,
                requestId, violations);
        if (!violations.isEmpty()) {
            return Problem.response(HttpStatus.BAD_REQUEST, "validation_failed", "the tail has invalid filters: "
                            + violations.stream().map(Violation::field).distinct().collect(Collectors.joining(", ")),
                    request.getRequestURI(), violations);
        }
        String resume = lastEventId != null ? lastEventId : after;
        TailCursor resumeAt = TailCursor.decode(resume).orElse(null);
        AtomicReference<TailCursor> position = new AtomicReference<>(resumeAt);
        SseEmitter emitter = new SseEmitter(LIFETIME.toMillis() + 5_000);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
        };
        long deadline = System.nanoTime() + LIFETIME.toNanos();
        task.set(ticker.scheduleWithFixedDelay(() -> {
            try {
                tick(emitter, position, filter);
                if (System.nanoTime() > deadline) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                stop.run();
                emitter.completeWithError(gone);
            } catch (RuntimeException e) {
                // Database briefly unavailable: keep the stream and try again next second.
            }
        }, 0, 1, TimeUnit.SECONDS));
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    /** Sends what was stored since the position (or, at the start, the recent calls) and moves the position. */
    private void tick(SseEmitter emitter, AtomicReference<TailCursor> position, CallLogFilter filter)
            throws IOException {
        long head = logs.ingestHead();
        TailCursor from = position.get();
        if (from == null) {
            for (CallLogEntry call : logs.recent(clock.instant().minus(START_BACK), head, filter, START_CALLS)) {
                send(emitter, call, TailCursor.atHead(head));
            }
            position.set(TailCursor.atHead(head));
            emitter.send(SseEmitter.event().name("position").id(TailCursor.atHead(head).encode()).data(Map.of()));
            return;
        }
        int sent = 0;
        boolean caughtUp = false;
        while (!caughtUp && sent < MAX_PER_TICK) {
            List<CallLogService.TailedCall> calls = logs.ingestedAfter(position.get(), head, filter, PAGE);
            for (CallLogService.TailedCall tailed : calls) {
                send(emitter, tailed.call(), tailed.position());
                position.set(tailed.position());
            }
            sent += calls.size();
            caughtUp = calls.size() < PAGE;
        }
        if (caughtUp && position.get().seq() < head) {
            // Batches up to head hold no further matching call: move on without sending one.
            position.set(TailCursor.atHead(head));
            emitter.send(SseEmitter.event().name("position").id(position.get().encode()).data(Map.of()));
        } else if (sent == 0) {
            // A comment keeps proxies from closing an idle stream and detects a closed browser tab.
            emitter.send(SseEmitter.event().comment("idle"));
        }
    }

    private static void send(SseEmitter emitter, CallLogEntry call, TailCursor after) throws IOException {
        emitter.send(SseEmitter.event().name("call").id(after.encode()).data(call, MediaType.APPLICATION_JSON));
    }

    @PreDestroy
    void shutdown() {
        ticker.shutdownNow();
    }
}
