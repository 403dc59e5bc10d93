package dev.gatehouse.admin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTests {

    @Test
    void findsTheSeriesOfAnExpressionAndNothingElse() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, route) (rate("
                + "gatehouse_request_duration_seconds_bucket{route=~\"$route\", instance=\"a:8081\"}[$__rate_interval])))"))
                .containsExactly("gatehouse_request_duration_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_total{x=\"y\"}[5m])) / sum(rate(b_total[1h] offset 1d)) > 0.5"))
                .containsExactly("a_total", "b_total");
        assertThat(PromQl.metricNames("max by (node) (gatehouse_admin_node_heartbeat_age_seconds) > 60"))
                .containsExactly("gatehouse_admin_node_heartbeat_age_seconds");
        assertThat(PromQl.metricNames("up{job=\"gatehouse-admin\"} == 0 and on (instance) other_metric unless bool x"))
                .containsExactly("other_metric", "up", "x");
        assertThat(PromQl.metricNames("foo_sum / ignoring (le) group_left (code) foo_count * 1e3"))
                .containsExactly("foo_count", "foo_sum");
    }

    @Test
    void readsGrafanaLabelValuesQueries() {
        assertThat(PromQl.metricNames("label_values(gatehouse_requests_total, route)"))
                .containsExactly("gatehouse_requests_total");
        assertThat(PromQl.metricNames("label_values(gatehouse_config_revision{job=\"gatehouse-nodes\"}, instance)"))
                .containsExactly("gatehouse_config_revision");
        assertThat(PromQl.metricNames("label_values(instance)")).isEmpty();
    }

    @Test
    void ignoresNamesInsideStringsAndVariables() {
        assertThat(PromQl.metricNames("sum(resilience4j_circuitbreaker_state{name=~\"($route)/.*\", state=\"open\"})"))
                .containsExactly("resilience4j_circuitbreaker_state");
        assertThat(PromQl.metricNames("sum(increase(c_total[$__range]))")).containsExactly("c_total");
    }
}
