package dev.gatehouse.admin.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/prometheus}: the alert rules and the static scrape configuration pass {@code promtool check}
 * (Debian package {@code prometheus}; {@code .ci/run} installs it). Debian's promtool is built without Kubernetes
 * service discovery, so the Kubernetes variant is only checked for the jobs and paths it shares.
 */
class PrometheusFilesTests {

    private static final Path PROMETHEUS = DeployFiles.DEPLOY.resolve("prometheus");
    private static final String TOKEN_FILE = "/etc/prometheus/secrets/gatehouse-metrics-token";

    @Test
    void alertRulesPassPromtool() {
        Tool promtool = promtool();
        Tool.Result result = promtool.run(PROMETHEUS, "check", "rules", "alerts.yml");
        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void staticScrapeConfigurationPassesPromtool(@TempDir Path dir) throws IOException {
        Tool promtool = promtool();
        // the token file it names exists where Prometheus runs; here a stand-in
        Path token = Files.writeString(dir.resolve("token"), "a-scrape-token-for-the-check");
        Files.copy(PROMETHEUS.resolve("alerts.yml"), dir.resolve("alerts.yml"));
        String config = Files.readString(PROMETHEUS.resolve("prometheus.yml"));
        assertThat(config).contains(TOKEN_FILE);
        Files.writeString(dir.resolve("prometheus.yml"), config.replace(TOKEN_FILE, token.toString()));

        Tool.Result result = promtool.run(dir, "check", "config", "prometheus.yml");
        assertThat(result.exit()).as(result.describe()).isZero();
    }

    @Test
    void bothVariantsScrapeTheSameJobsTheAlertsName() throws IOException {
        for (String file : new String[] {"prometheus.yml", "prometheus-kubernetes.yml"}) {
            String config = Files.readString(PROMETHEUS.resolve(file));
            assertThat(config).as(file).contains("job_name: gatehouse-admin", "job_name: gatehouse-nodes",
                    "metrics_path: /actuator/prometheus", "credentials_file: " + TOKEN_FILE, "- alerts.yml");
        }
        assertThat(DeployFiles.alertRules().values()).anyMatch(e -> e.contains("job=\"gatehouse-admin\""))
                .anyMatch(e -> e.contains("job=\"gatehouse-nodes\""));
    }

    private static Tool promtool() {
        Tool promtool = Tool.find("promtool");
        assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus; .ci/run installs it):"
                + " deploy/prometheus not checked");
        return promtool;
    }
}
