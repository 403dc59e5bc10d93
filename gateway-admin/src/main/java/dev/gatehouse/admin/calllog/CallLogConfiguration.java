package dev.gatehouse.admin.calllog;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the call log's scheduled jobs: partitions ahead of time ({@link CallLogPartitions}) and retention. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CallLogConfiguration {
}
