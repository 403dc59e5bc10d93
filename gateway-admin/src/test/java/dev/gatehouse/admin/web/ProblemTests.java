package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Field paths of request bodies as RFC 6901 JSON pointers. */
class ProblemTests {

    @Test
    void fieldPathsBecomePointers() {
        assertThat(Problem.pointer("auth")).isEqualTo("/auth");
        assertThat(Problem.pointer("targets[0].port")).isEqualTo("/targets/0/port");
        assertThat(Problem.pointer("scopes.routes[12]")).isEqualTo("/scopes/routes/12");
        assertThat(Problem.pointer("(body)")).isEmpty();
        assertThat(Problem.pointer("a/b~c")).isEqualTo("/a~1b~0c");
    }
}
