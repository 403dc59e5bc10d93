package dev.gatehouse.admin.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Shorthands for calling the admin API through MockMvc with the test admin token, and for peeking at tables. */
public final class AdminApi {

    private final MockMvc mvc;

    public AdminApi(MockMvc mvc) {
        this.mvc = mvc;
    }

    public ResultActions get(String path) throws Exception {
        return mvc.perform(auth(MockMvcRequestBuilders.get(path)));
    }

    public ResultActions post(String path, String json) throws Exception {
        return mvc.perform(auth(MockMvcRequestBuilders.post(path))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions put(String path, String json) throws Exception {
        return mvc.perform(auth(MockMvcRequestBuilders.put(path))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions patch(String path, String json) throws Exception {
        return mvc.perform(auth(MockMvcRequestBuilders.patch(path))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    /** A POST without a body or content type. */
    public ResultActions post(String path) throws Exception {
        return mvc.perform(auth(MockMvcRequestBuilders.post(path)));
    }

    public ResultActions delete(String path) throws Exception {
        return mvc.perform(auth(MockMvcRequestBuilders.delete(path)));
    }

    public MockMvc mvc() {
        return mvc;
    }

    private static MockHttpServletRequestBuilder auth(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN);
    }

    /** The current configuration revision, straight from the table. */
    public static long revision() throws SQLException {
        return longQuery("SELECT revision FROM config_state");
    }

    /** A single number from a query against the test database. */
    public static long longQuery(String sql) throws SQLException {
        try (Connection c = TestDatabase.get().open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A fingerprint of all configuration tables, to show that a refused request changed nothing. */
    public static String fingerprint() throws SQLException {
        try (Connection c = TestDatabase.get().open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT md5(concat("
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM services t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.service_id, t.position) FROM service_targets t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM routes t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.route_id, t.position) FROM route_steps t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM plans t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM consumers t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM api_keys t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM cluster_settings t),"
                     + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM policies t),"
                     + "(SELECT t::text FROM config_state t),"
                     + "(SELECT count(*) FROM config_changes)))")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
