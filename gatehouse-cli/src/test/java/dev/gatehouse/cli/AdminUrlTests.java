package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminUrlTests {

    @Test
    void theUrlBecomesABaseForApiPaths() {
        assertThat(AdminUrl.parse("http://127.0.0.1:8000/")).hasToString("http://127.0.0.1:8000");
        assertThat(AdminUrl.parse("HTTPS://admin.example.com/gatehouse//")).hasToString("https://admin.example.com/gatehouse");
        assertThat(AdminUrl.parse(" http://[::1]:8000 ")).hasToString("http://[::1]:8000");
    }

    @Test
    void anythingButAnHttpOrHttpsAddressIsRefused() {
        assertThatThrownBy(() -> AdminUrl.parse("ftp://admin")).hasMessageContaining("must start with https:// or http://");
        assertThatThrownBy(() -> AdminUrl.parse("admin.example.com:8000")).hasMessageContaining("https://");
        assertThatThrownBy(() -> AdminUrl.parse("http:///path")).hasMessageContaining("has no host");
        assertThatThrownBy(() -> AdminUrl.parse("https://user:pw@admin")).hasMessageContaining("no user, query or fragment")
                .message().doesNotContain("pw");
        assertThatThrownBy(() -> AdminUrl.parse("https://admin/?x=1")).hasMessageContaining("no user, query");
        assertThatThrownBy(() -> AdminUrl.parse("http://a b")).hasMessageContaining("is not a URL");
    }

    @Test
    void onlyPlainHttpToAnotherMachineCountsAsClearText() {
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://127.0.0.1:8000"))).isFalse();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://127.8.9.10:8000"))).isFalse();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://localhost:8000"))).isFalse();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://[::1]:8000"))).isFalse();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://10.0.0.5:8000"))).isTrue();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://admin.internal:8000"))).isTrue();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("http://[2001:db8::1]:8000"))).isTrue();
        assertThat(AdminUrl.plainTextOverNetwork(URI.create("https://admin.example.com"))).isFalse();
    }

    @Test
    void connectingOverPlainHttpToAnotherMachineWarnsOnStderrWithoutTheToken() {
        ConnectionOptions options = new ConnectionOptions();
        options.url = "http://admin.internal:8000";
        options.timeoutSeconds = 5;
        StringWriter err = new StringWriter();
        options.connect(Map.of("GATEHOUSE_TOKEN", "ght_secret_value"), new PrintWriter(err, true));
        assertThat(err.toString()).startsWith("warning: http://admin.internal:8000 is plain http to another machine")
                .doesNotContain("ght_secret_value");

        StringWriter quiet = new StringWriter();
        options.url = null;
        options.connect(Map.of("GATEHOUSE_TOKEN", "t", "GATEHOUSE_URL", "http://127.0.0.1:9"),
                new PrintWriter(quiet, true));
        assertThat(quiet.toString()).isEmpty();
    }
}
