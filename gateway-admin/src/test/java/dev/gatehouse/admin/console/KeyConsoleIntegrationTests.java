package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.apikey.ApiKeyService;
import dev.gatehouse.admin.apikey.ApiKeyView;
import dev.gatehouse.admin.apikey.IssueKeyRequest;
import dev.gatehouse.admin.apikey.IssuedKey;
import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.ApiKeyFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * A consumer's keys in the console: issuing shows the key once (and nowhere else), revoking and rotating ask
 * first, through the real security configuration and PostgreSQL.
 */
@AdminIntegrationTest
class KeyConsoleIntegrationTests {

    private static final Pattern KEY = Pattern.compile("gwk_[0-9A-Za-z]{49}");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Autowired
    WebApplicationContext context;

    @Autowired
    ConsumerService consumers;

    @Autowired
    ApiKeyService keys;

    @Autowired
    UpstreamService services;

    @Autowired
    RouteService routes;

    ConsoleClient console;
    ConsumerView consumer;

    @BeforeEach
    void setUp() throws Exception {
        console = ConsoleClient.signIn(context);
        consumer = consumers.create(new ConsumerRequest(unique("key-holder"), null, null, null, null, null));
    }

    @Test
    void consumerPageListsItsKeysWithTheIssueForm() throws Exception {
        IssuedKey issued = keys.issue(consumer.id(), new IssueKeyRequest(null, null));

        console.get("/consumers/{id}", consumer.id())
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/detail"))
                .andExpect(model().attribute("consumer", consumers.get(consumer.id())))
                .andExpect(model().attribute("keys", hasItem(keys.get(consumer.id(), issued.id()))))
                .andExpect(model().attributeExists("issueKeyForm", "routeNames", "serviceNames"))
                .andExpect(content().string(containsString(issued.prefix() + "…")))
                .andExpect(content().string(containsString(">All routes</span>")))
                .andExpect(content().string(not(containsString(issued.key()))));
    }

    @Test
    void issuingRedirectsToThePageThatShowsTheKeyOnceAndAReloadShowsItNoMore() throws Exception {
        MvcResult posted = console.post("/consumers/" + consumer.id() + "/keys", "expiresAt", "")
                .andExpect(status().isFound())
                .andExpect(flash().attributeCount(0))
                .andReturn();
        ApiKeyView issued = keys.list(consumer.id()).get(0);
        String page = "/consumers/" + consumer.id() + "/keys/" + issued.id() + "/issued";
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo(page);
        assertThat(posted.getResponse().getContentAsString()).doesNotMatch("(?s).*gwk_.*");

        MvcResult result = console.get(page)
                .andExpect(status().isOk())
                .andExpect(view().name("keys/issued"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("will not be shown again")))
                .andExpect(content().string(containsString("id=\"copy-key\"")))
                .andExpect(content().string(containsString("href=\"/consumers/" + consumer.id() + "\"")))
                .andReturn();
        String key = keyIn(result);
        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
        assertThat(key).startsWith(issued.prefix());
        assertThat(issued.status()).isEqualTo("active");
        assertThat(issued.expiresAt()).isNull();

        // A reload is a GET: no second key, and the key is not shown again.
        console.get(page)
                .andExpect(status().isOk())
                .andExpect(view().name("keys/shown"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("was shown once")))
                .andExpect(content().string(containsString(issued.prefix() + "…")))
                .andExpect(content().string(not(containsString(key))));
        assertThat(keys.list(consumer.id())).hasSize(1);

        // Nothing keeps the key now: not the session, not the next page.
        for (String name : Collections.list(console.session().getAttributeNames())) {
            assertThat(String.valueOf(console.session().getAttribute(name))).doesNotContain(key);
        }
        console.get("/consumers/{id}", consumer.id())
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(key))))
                .andExpect(content().string(containsString(issued.prefix())));
    }

    @Test
    void anotherSessionNeverSeesTheKey() throws Exception {
        console.post("/consumers/" + consumer.id() + "/keys", "expiresAt", "").andExpect(status().isFound());
        ApiKeyView issued = keys.list(consumer.id()).get(0);
        String page = "/consumers/" + consumer.id() + "/keys/" + issued.id() + "/issued";

        ConsoleClient.signIn(context).get(page)
                .andExpect(status().isOk())
                .andExpect(view().name("keys/shown"))
                .andExpect(content().string(not(containsString("id=\"issued-key\""))));
        // Still waiting for its own session's page.
        assertThat(keyIn(console.get(page).andExpect(view().name("keys/issued")).andReturn()))
                .startsWith(issued.prefix());
    }

    @Test
    void issuingWithExpiryAndScopes() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("scoped-svc"),
                List.of(new TargetRequest("10.7.0.1", 80, null)), "http", "", null, null));
        RouteView route = routes.create(ServiceConsoleIntegrationTests.route(unique("scoped-route"), service.name(),
                "/scoped"));
        Instant expiry = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

        String expires = LOCAL.format(expiry.atOffset(ZoneOffset.UTC));
        console.post("/consumers/" + consumer.id() + "/keys", "expiresAt", expires,
                        "routes", route.name(), "services", service.name(), "tags", "public, beta")
                .andExpect(status().isFound());

        ApiKeyView key = keys.list(consumer.id()).get(0);
        console.get("/consumers/{id}/keys/{key}/issued", consumer.id(), key.id())
                .andExpect(status().isOk())
                .andExpect(view().name("keys/issued"))
                .andExpect(content().string(containsString(route.name())));
        assertThat(key.expiresAt()).isEqualTo(expiry);
        assertThat(key.scopes().routes()).containsExactly(route.name());
        assertThat(key.scopes().services()).containsExactly(service.name());
        assertThat(key.scopes().tags()).containsExactly("public", "beta");
    }

    @Test
    void badInputIsShownBesideTheFieldsAndNoKeyIsIssued() throws Exception {
        String past = LOCAL.format(Instant.now().minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
        console.post("/consumers/" + consumer.id() + "/keys", "expiresAt", past, "routes", "no-such-route-xyz")
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/detail"))
                .andExpect(model().attributeHasFieldErrors("issueKeyForm", "expiresAt", "routes"))
                .andExpect(content().string(containsString("id=\"expiresAt-error\"")))
                .andExpect(content().string(containsString("must be in the future")))
                .andExpect(content().string(containsString("\u201cno-such-route-xyz\u201d")));
        console.post("/consumers/" + consumer.id() + "/keys", "expiresAt", "next tuesday")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("issueKeyForm", "expiresAt", "typeMismatch"))
                .andExpect(content().string(containsString("must be a date and time")));
        assertThat(keys.list(consumer.id())).isEmpty();
    }

    @Test
    void revokingAsksFirstThenRevokes() throws Exception {
        IssuedKey issued = keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        String page = "/consumers/" + consumer.id() + "/keys/" + issued.id() + "/revoke";
        console.get(page)
                .andExpect(status().isOk())
                .andExpect(view().name("keys/revoke"))
                .andExpect(content().string(containsString("Revoke the key " + issued.prefix())));
        assertThat(keys.get(consumer.id(), issued.id()).status()).isEqualTo("active");

        MvcResult revoked = console.post(page)
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/consumers/" + consumer.id()))
                .andReturn();
        assertThat(revoked.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("success", "flash.key.revoked", new Object[] {issued.prefix()}));
        assertThat(keys.get(consumer.id(), issued.id()).status()).isEqualTo("revoked");
        console.get("/consumers/{id}", consumer.id())
                .andExpect(content().string(containsString("data-status=\"revoked\"")))
                .andExpect(content().string(not(containsString("data-revoke=\"" + issued.id() + "\""))));
    }

    @Test
    void rotatingAsksForTheGracePeriodThenShowsTheNewKeyOnce() throws Exception {
        IssuedKey old = keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        String page = "/consumers/" + consumer.id() + "/keys/" + old.id() + "/rotate";
        console.get(page)
                .andExpect(status().isOk())
                .andExpect(view().name("keys/rotate"))
                .andExpect(content().string(containsString("value=\"24\"")));

        String shown = console.post(page, "gracePeriodHours", "2")
                .andExpect(status().isFound())
                .andReturn().getResponse().getRedirectedUrl();
        ApiKeyView replacement = keys.list(consumer.id()).stream().filter(k -> !k.id().equals(old.id()))
                .findFirst().orElseThrow();
        assertThat(shown).isEqualTo("/consumers/" + consumer.id() + "/keys/" + replacement.id() + "/issued");
        MvcResult rotated = console.get(shown)
                .andExpect(status().isOk())
                .andExpect(view().name("keys/issued"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("keeps working until")))
                .andReturn();
        String key = keyIn(rotated);
        assertThat(key).isNotEqualTo(old.key()).startsWith(replacement.prefix());
        // Reloading the new key's page rotates nothing more and shows the key no more.
        console.get(shown)
                .andExpect(view().name("keys/shown"))
                .andExpect(content().string(not(containsString(key))));

        ApiKeyView before = keys.get(consumer.id(), old.id());
        assertThat(before.status()).isEqualTo("rotating");
        assertThat(before.expiresAt()).isBetween(Instant.now().plusSeconds(7_000), Instant.now().plusSeconds(7_300));
        assertThat(keys.list(consumer.id())).hasSize(2);
        console.get("/consumers/{id}", consumer.id()).andExpect(content().string(not(containsString(key))));
    }

    @Test
    void aGracePeriodOutOfRangeIsShownBesideTheFieldAndNothingRotates() throws Exception {
        IssuedKey old = keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        String page = "/consumers/" + consumer.id() + "/keys/" + old.id() + "/rotate";
        console.post(page, "gracePeriodHours", "721")
                .andExpect(status().isOk())
                .andExpect(view().name("keys/rotate"))
                .andExpect(model().attributeHasFieldErrors("rotateKeyForm", "gracePeriodHours"))
                .andExpect(content().string(containsString("must be between 0 and 720 hours")));
        console.post(page, "gracePeriodHours", "soon")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("rotateKeyForm", "gracePeriodHours", "typeMismatch"));
        assertThat(keys.get(consumer.id(), old.id()).status()).isEqualTo("active");
        assertThat(keys.list(consumer.id())).hasSize(1);
    }

    @Test
    void rotatingARevokedKeyIsRefusedWithTheReason() throws Exception {
        IssuedKey old = keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        keys.revoke(consumer.id(), old.id());
        console.post("/consumers/" + consumer.id() + "/keys/" + old.id() + "/rotate", "gracePeriodHours", "1")
                .andExpect(status().isOk())
                .andExpect(view().name("keys/rotate"))
                .andExpect(content().string(containsString("only an active key can be rotated")));
        assertThat(keys.list(consumer.id())).hasSize(1);
    }

    @Test
    void writesNeedTheCsrfTokenAndAWriter() throws Exception {
        IssuedKey issued = keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        String revoke = "/consumers/" + consumer.id() + "/keys/" + issued.id() + "/revoke";
        console.postWithoutCsrf("/consumers/" + consumer.id() + "/keys").andExpect(status().isForbidden());
        console.postWithoutCsrf(revoke).andExpect(status().isForbidden());

        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/consumers/{id}", consumer.id())
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"issue-key\""))))
                .andExpect(content().string(not(containsString("data-revoke="))));
        viewer.post("/consumers/" + consumer.id() + "/keys").andExpect(status().isForbidden());
        viewer.post(revoke).andExpect(status().isForbidden());
        viewer.post("/consumers/" + consumer.id() + "/keys/" + issued.id() + "/rotate")
                .andExpect(status().isForbidden());

        assertThat(keys.list(consumer.id())).singleElement()
                .satisfies(k -> assertThat(k.status()).isEqualTo("active"));
    }

    @Test
    void anUnknownKeyIsANotFoundPage() throws Exception {
        console.get("/consumers/{id}/keys/{key}/revoke", consumer.id(), "00000000-0000-0000-0000-00000000abcd")
                .andExpect(status().isNotFound())
                .andExpect(view().name("error"));
    }

    private static String keyIn(MvcResult result) throws Exception {
        Matcher matcher = KEY.matcher(result.getResponse().getContentAsString());
        assertThat(matcher.find()).as("a key on the page").isTrue();
        return matcher.group();
    }
}
