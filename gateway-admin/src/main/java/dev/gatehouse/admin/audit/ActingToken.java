package dev.gatehouse.admin.audit;

/**
 * The details of a request authenticated by an admin API token: the token's name, which the audit trail records as
 * the actor (the request's principal is the token's owner).
 *
 * @param name the token's name, never the token
 */
public record ActingToken(String name) {
}
