package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What a tag or service selects: its routes, the services they call, the policies on either; no plans, consumers. */
class SelectionTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private DocObject object(DocumentKind kind, String name, String json) {
        return new DocObject(kind, kind + name, name, (ObjectNode) mapper.readTree(json));
    }

    private Configuration configuration() {
        Configuration c = new Configuration();
        c.add(object(DocumentKind.SERVICES, "a", "{}"));
        c.add(object(DocumentKind.SERVICES, "b", "{}"));
        c.add(object(DocumentKind.SERVICES, "c", "{}"));
        c.add(object(DocumentKind.ROUTES, "r1", "{\"service\": \"a\", \"tags\": [\"shop\"]}"));
        c.add(object(DocumentKind.ROUTES, "r2", "{\"kind\": \"composite\", \"tags\": [\"shop\"],"
                + " \"composite\": {\"steps\": [{\"service\": \"b\"}, {\"service\": \"a\"}]}}"));
        c.add(object(DocumentKind.ROUTES, "r3", "{\"service\": \"c\", \"tags\": []}"));
        c.add(object(DocumentKind.POLICIES, "p1", "{\"scope\": \"route\", \"route\": \"r1\"}"));
        c.add(object(DocumentKind.POLICIES, "p2", "{\"scope\": \"service\", \"service\": \"b\"}"));
        c.add(object(DocumentKind.POLICIES, "p3", "{\"scope\": \"route\", \"route\": \"r3\"}"));
        c.add(object(DocumentKind.POLICIES, "p4", "{\"scope\": \"global\"}"));
        c.add(object(DocumentKind.PLANS, "free", "{}"));
        return c;
    }

    private List<String> selected(Selection selection) {
        Configuration c = configuration();
        Predicate<DocObject> in = selection.in(c);
        return java.util.Arrays.stream(DocumentKind.values()).flatMap(k -> c.all(k).stream()).filter(in)
                .map(DocObject::name).toList();
    }

    @Test
    void aTagSelectsItsRoutesTheirServicesAndThePoliciesOnThem() {
        assertThat(selected(new Selection("shop", null))).containsExactly("a", "b", "p1", "p2", "r1", "r2");
    }

    @Test
    void aServiceSelectsItselfAndTheRoutesCallingIt() {
        assertThat(selected(new Selection(null, "c"))).containsExactly("c", "p3", "r3");
        assertThat(selected(new Selection(" ", ""))).hasSize(11);
    }
}
