package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.history.RevisionState;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.admin.web.Redaction;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a past revision's state (hand-built here, as the configuration history would answer it) becomes a rollback:
 * what is re-created, updated back, deleted and kept, names resolved from the state then and the configuration now.
 */
class ConfigRollbackTests {

    private static final String SVC = "00000000-0000-0000-0000-000000000001";
    private static final String OLD_ROUTE = "00000000-0000-0000-0000-000000000002";
    private static final String NEW_ROUTE = "00000000-0000-0000-0000-000000000003";
    private static final String CONSUMER = "00000000-0000-0000-0000-000000000004";
    private static final String NEW_CONSUMER = "00000000-0000-0000-0000-000000000005";

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final ConfigJson json = new ConfigJson();
    private final DocumentForms forms = new DocumentForms(null, null, null, null, null, mapper);
    private final ConfigRollback rollback = new ConfigRollback(null, null, forms, json);

    private JsonNode contract(Object spec) {
        return Redaction.before(mapper.readTree(json.writeString(spec)));
    }

    private static ServiceSpec service(String name, int port) {
        return new ServiceSpec(SVC, name, Protocol.HTTP, List.of(new TargetSpec("h", port, 100)), "", 2000, 30000);
    }

    private static RouteSpec route(String id, String name) {
        return new RouteSpec(id, name, SVC, null, List.of("/" + name), null, null, false, 0, true, AuthMode.JWT,
                null, List.of("t"), null, new JwtSpec(List.of("HS256"), null, List.of(), "s".repeat(40), null, null,
                "sub", 30), null);
    }

    @Test
    void restoresWhatChangedKeepsConsumersCreatedSinceAndResolvesNames() {
        Configuration now = new Configuration();
        // the service was renamed and moved since; the route "gone" was deleted; "added" and a consumer are new
        now.add(new DocObject(DocumentKind.SERVICES, SVC, "orders-v2", forms.service(service("orders-v2", 9001))));
        now.add(new DocObject(DocumentKind.ROUTES, NEW_ROUTE, "added", forms.route(route(NEW_ROUTE, "added"),
                (kind, id) -> "orders-v2")));
        now.add(new DocObject(DocumentKind.CONSUMERS, CONSUMER, "acme", forms.consumer(
                new ConsumerSpec(CONSUMER, "acme", ConsumerStatus.ACTIVE, List.of("g"), null), "Acme Inc.",
                List.of("vip"), (kind, id) -> id)));
        now.add(new DocObject(DocumentKind.CONSUMERS, NEW_CONSUMER, "newco", forms.consumer(
                new ConsumerSpec(NEW_CONSUMER, "newco", ConsumerStatus.ACTIVE, List.of(), null), null, null,
                (kind, id) -> id)));

        RevisionState state = new RevisionState(42, 45, List.of(
                new RevisionState.ObjectAt(EntityKind.SERVICE, SVC, "orders", contract(service("orders", 9000))),
                new RevisionState.ObjectAt(EntityKind.ROUTE, OLD_ROUTE, "gone", contract(route(OLD_ROUTE, "gone"))),
                new RevisionState.ObjectAt(EntityKind.ROUTE, NEW_ROUTE, "added", null),
                new RevisionState.ObjectAt(EntityKind.CONSUMER, CONSUMER, "acme", contract(new ConsumerSpec(CONSUMER,
                        "acme", ConsumerStatus.SUSPENDED, List.of("g"), null))),
                new RevisionState.ObjectAt(EntityKind.CONSUMER, NEW_CONSUMER, "newco", null),
                new RevisionState.ObjectAt(EntityKind.KEY, "k", "k", null)));

        ConfigApplier.Plan plan = rollback.plan(state, now);

        assertThat(plan.upserts()).extracting(u -> u.object().path())
                .containsExactly("services[name=orders]", "routes[name=gone]", "consumers[name=acme]");
        ConfigApplier.Upsert service = plan.upserts().get(0);
        assertThat(service.current().id()).isEqualTo(SVC);
        assertThat(service.object().form().get("name").asString()).isEqualTo("orders");
        assertThat(service.object().form().at("/targets/0/port").asInt()).isEqualTo(9000);

        ConfigApplier.Upsert gone = plan.upserts().get(1);
        assertThat(gone.current()).as("deleted since: re-created").isNull();
        assertThat(gone.object().form().get("service").asString()).as("the service's name then").isEqualTo("orders");
        assertThat(gone.object().form().at("/jwt/secret").asString()).as("never resurrected")
                .isEqualTo(Redaction.MARKER);

        ConfigApplier.Upsert acme = plan.upserts().get(2);
        assertThat(acme.object().form().get("status").asString()).isEqualTo("suspended");
        assertThat(acme.object().form().get("description").asString()).as("not in the contract: kept")
                .isEqualTo("Acme Inc.");
        assertThat(acme.object().form().get("tags").get(0).asString()).isEqualTo("vip");

        assertThat(plan.deletions()).extracting(d -> d.object().name()).containsExactly("added");
        assertThat(plan.kept()).extracting(ChangeAnswer.Kept::name).containsExactly("newco");
        assertThat(plan.kept().get(0).reason()).contains("created after revision 42").contains("API keys");
    }

    @Test
    void documentFormsFollowTheRequestRecordsOrderWithoutNulls() {
        JsonNode form = forms.route(route(OLD_ROUTE, "r"), (kind, id) -> "svc");
        assertThat(form.propertyNames()).containsExactly("name", "kind", "service", "hosts", "paths", "pathMatch",
                "methods", "stripPrefix", "priority", "enabled", "auth", "allowedGroups", "tags", "keyAuth", "jwt");
        assertThat(form.get("jwt").has("issuer")).isFalse();
        assertThat(form.get("keyAuth").has("queryParam")).isFalse();
        assertThat(forms.service(service("s", 1)).propertyNames()).containsExactly("name", "targets", "protocol",
                "basePath", "connectTimeoutMs", "responseTimeoutMs");
    }
}
