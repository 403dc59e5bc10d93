package dev.gatehouse.runtime.calllog;

import java.time.Duration;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.Backoff;
import dev.gatehouse.runtime.GatehouseProperties;
import dev.gatehouse.runtime.proxy.ProblemWebExceptionHandler;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.node.ServerPorts;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The call log's parts, present unless {@code gatehouse.call-log.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "gatehouse.call-log", name = "enabled", havingValue = "true", matchIfMissing = true)
class CallLogConfiguration {

    @Bean
    CallBuffer callBuffer(CallLogProperties properties) {
        return new CallBuffer(properties.bufferSize());
    }

    @Bean
    CallShipper callShipper(CallBuffer buffer, CallLogProperties properties, GatehouseProperties node,
                            ConfigJson json) {
        CallSpool spool = new CallSpool(node.nodeDataDir().resolve("spool"), properties.spoolMaxBytes().toBytes(),
                json);
        // retry the admin after 0.5 s, doubling up to 30 s while it stays away
        return new CallShipper(buffer, spool, new AdminCallTransport(node), json, node.nodeId(),
                properties.batchSize(), properties.flushInterval(),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)));
    }

    @Bean
    CallLogMetrics callLogMetrics(MeterRegistry registry, LiveConfigHolder holder, CallBuffer buffer,
                                  CallShipper shipper) {
        CallLogMetrics metrics = new CallLogMetrics(registry, holder);
        metrics.bind(buffer, shipper);
        return metrics;
    }

    @Bean
    CallLogFilter callLogFilter(CallBuffer buffer, CallLogMetrics metrics, ProblemWebExceptionHandler problems,
                                ServerPorts ports, GatehouseProperties node) {
        return new CallLogFilter(buffer, metrics, problems, ports, node.nodeId());
    }

    @Bean
    StepRecords stepRecords(CallBuffer buffer, GatehouseProperties node) {
        return new StepRecords(buffer, node.nodeId());
    }

    @Bean
    UpstreamTimerFilter upstreamTimerFilter() {
        return new UpstreamTimerFilter();
    }
}
