package dev.gatehouse.admin.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One stored audit record, as the API and the console show it.
 *
 * @param id            its id (increasing in the order records were written)
 * @param at            when the change was made
 * @param actor         who made it
 * @param clientAddress the client address the admin saw (after trusted-proxy resolution), or null
 * @param requestId     the request's {@code X-Request-Id}, or null
 * @param action        what happened, by its wire name ({@code create}, {@code sign-in-failed}...)
 * @param object        what it happened to
 * @param revision      the configuration revision the change committed as, or null (sign-ins, users, tokens)
 * @param before        the object before, secrets redacted, or null
 * @param after         the object after, secrets redacted, or null
 */
public record AuditRecord(long id, Instant at, Actor actor, String clientAddress, String requestId, String action,
                          AuditObject object, Long revision, JsonNode before, JsonNode after) {

    /**
     * Who made a change.
     *
     * @param type {@code user}, {@code token} or {@code system}
     * @param name the user name (as typed, for sign-ins), the API token's name, or {@code gatehouse}
     */
    public record Actor(String type, String name) {
    }

    /**
     * What a change was made to.
     *
     * @param kind {@code service}, {@code route}, {@code consumer}, {@code plan}, {@code policy}, {@code key},
     *             {@code settings}, {@code user} (sign-ins and user changes), {@code token} (admin API tokens) or
     *             {@code cluster} (force restores)
     * @param id   its id, or null (sign-ins)
     * @param name its name (a key's prefix), or null
     */
    public record AuditObject(String kind, String id, String name) {
    }
}
