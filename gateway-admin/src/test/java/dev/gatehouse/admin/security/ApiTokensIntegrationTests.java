package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** API tokens through {@code /api/v1/tokens}: ownership, role ceiling, expiry, revocation, storage, last use. */
@AdminIntegrationTest
class ApiTokensIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    AdminUserService users;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenIsShownOnceAndStoredOnlyAsItsDigest() throws Exception {
        String editor = user(Role.EDITOR);
        String editorToken = tokens.create(editor, Role.EDITOR, "first", "EDITOR", null, null).token();

        String body = as(editorToken, post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"ci deploy\",\"role\":\"VIEWER\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.owner").value(editor))
                .andExpect(jsonPath("$.role").value("VIEWER"))
                .andReturn().getResponse().getContentAsString();
        String token = JsonPath.read(body, "$.token");
        String id = JsonPath.read(body, "$.id");
        assertThat(token).startsWith(ApiTokenService.PREFIX).hasSizeGreaterThan(40);

        assertThat(jdbc.sql("SELECT token_hash FROM api_tokens WHERE id = ?::uuid").param(id).query(String.class)
                .single()).isEqualTo(TokenDigest.sha256Hex(token));
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens t WHERE strpos(t::text, ?) > 0").param(token)
                .query(Long.class).single()).isZero();
        as(editorToken, get("/api/v1/tokens")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].name").value("ci deploy"))
                .andExpect(jsonPath("$[0].expiresAt").value("2099-01-01T00:00:00Z"))
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString(token))));
        as(token, get("/api/v1/services")).andExpect(status().isOk());
        as(token, post("/api/v1/services").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aTokenNeverGetsMoreThanItsOwnerAndRefusalStoresNothing() throws Exception {
        String viewer = user(Role.VIEWER);
        String viewerToken = tokens.create(viewer, Role.VIEWER, "mine", "VIEWER", null, null).token();
        long before = count(viewer);

        as(viewerToken, post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"escalate\",\"role\":\"EDITOR\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        // an admin may create tokens for others, but still not above the owner's role
        admin(post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"for viewer\",\"role\":\"ADMIN\",\"owner\":\"" + viewer + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        // non-admins cannot name another owner
        as(viewerToken, post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"theirs\",\"role\":\"VIEWER\",\"owner\":\"admin\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("owner"));
        as(viewerToken, post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"\",\"role\":\"VIEWER\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(
                        org.hamcrest.Matchers.containsInAnyOrder("name", "expiresAt")));

        assertThat(count(viewer)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE name IN ('escalate', 'for viewer', 'theirs')")
                .query(Long.class).single()).isZero();
    }

    @Test
    void demotingOrDisablingTheOwnerLimitsOrStopsItsTokensAtOnce() throws Exception {
        String owner = user(Role.ADMIN);
        String token = tokens.create(owner, Role.ADMIN, "power", "ADMIN", null, null).token();
        as(token, get("/api/v1/users")).andExpect(status().isOk());

        admin(patch("/api/v1/users/" + owner).contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"VIEWER\"}"))
                .andExpect(status().isOk());
        as(token, get("/api/v1/users")).andExpect(status().isForbidden());
        as(token, get("/api/v1/services")).andExpect(status().isOk());

        admin(patch("/api/v1/users/" + owner).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(status().isOk());
        as(token, get("/api/v1/services")).andExpect(status().isUnauthorized());
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String owner = user(Role.EDITOR);
        CreatedToken created = tokens.create(owner, Role.EDITOR, "short-lived", "EDITOR", null,
                Instant.now().plus(1, ChronoUnit.HOURS).toString());
        as(created.token(), get("/api/v1/services")).andExpect(status().isOk());

        jdbc.sql("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ?")
                .param(created.id()).update();

        as(created.token(), get("/api/v1/services")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void ownTokensAreRevocableOthersAreNotButAdminsRevokeAny() throws Exception {
        String editor = user(Role.EDITOR);
        String other = user(Role.EDITOR);
        String editorToken = tokens.create(editor, Role.EDITOR, "main", "EDITOR", null, null).token();
        CreatedToken mine = tokens.create(editor, Role.EDITOR, "spare", "VIEWER", null, null);
        CreatedToken theirs = tokens.create(other, Role.EDITOR, "theirs", "EDITOR", null, null);

        as(editorToken, delete("/api/v1/tokens/" + theirs.id())).andExpect(status().isNotFound());
        as(theirs.token(), get("/api/v1/services")).andExpect(status().isOk());
        as(editorToken, get("/api/v1/tokens")).andExpect(jsonPath("$[*].owner").value(
                org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(editor))));

        as(editorToken, delete("/api/v1/tokens/" + mine.id())).andExpect(status().isNoContent());
        as(mine.token(), get("/api/v1/services")).andExpect(status().isUnauthorized());

        admin(delete("/api/v1/tokens/" + theirs.id())).andExpect(status().isNoContent());
        as(theirs.token(), get("/api/v1/services")).andExpect(status().isUnauthorized());
    }

    @Test
    void theBootstrapTokenBelongsToTheBootstrapServiceAccount() throws Exception {
        admin(get("/api/v1/tokens")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'bootstrap (GATEHOUSE_ADMIN_TOKEN)')].owner")
                        .value(org.hamcrest.Matchers.contains("gatehouse:bootstrap")));
        assertThat(users.find("gatehouse:bootstrap")).hasValueSatisfying(account -> {
            assertThat(account.serviceAccount()).isTrue();
            assertThat(account.canSignIn()).isFalse();
        });
    }

    @Test
    void lastUseIsRecordedAtMostOnceAMinute() throws Exception {
        String owner = user(Role.VIEWER);
        CreatedToken created = tokens.create(owner, Role.VIEWER, "polling", "VIEWER", null, null);
        assertThat(lastUsed(created.id())).isNull();

        as(created.token(), get("/api/v1/services")).andExpect(status().isOk());
        Timestamp first = lastUsed(created.id());
        assertThat(first).isNotNull();
        as(created.token(), get("/api/v1/services")).andExpect(status().isOk());
        assertThat(lastUsed(created.id())).isEqualTo(first);

        Timestamp earlier = Timestamp.from(first.toInstant().minus(2, ChronoUnit.MINUTES));
        jdbc.sql("UPDATE api_tokens SET last_used = ? WHERE id = ?").param(earlier).param(created.id()).update();
        as(created.token(), get("/api/v1/services")).andExpect(status().isOk());
        assertThat(lastUsed(created.id())).isAfter(earlier);
    }

    private Timestamp lastUsed(UUID id) {
        return jdbc.sql("SELECT last_used FROM api_tokens WHERE id = ?").param(id)
                .query((rs, row) -> rs.getTimestamp(1)).list().get(0);
    }

    private long count(String owner) {
        return jdbc.sql("SELECT count(*) FROM api_tokens t JOIN admin_users u ON u.id = t.owner_id"
                + " WHERE u.username = ?").param(owner).query(Long.class).single();
    }

    private String user(Role role) {
        String name = "tok-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.createIfAbsent(name, "token-test-password-" + UUID.randomUUID(), role);
        return name;
    }

    private ResultActions admin(MockHttpServletRequestBuilder request) throws Exception {
        return as(AdminIntegrationTest.ADMIN_TOKEN, request);
    }

    private ResultActions as(String token, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
