package dev.gatehouse.admin.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the audit trail's scheduled jobs: partitions ahead of time ({@link AuditPartitions}) and retention. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfiguration {
}
