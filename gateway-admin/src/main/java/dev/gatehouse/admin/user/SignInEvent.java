package dev.gatehouse.admin.user;

import java.time.Instant;

/**
 * One console sign-in attempt as recorded.
 *
 * @param id            increasing number, newest highest; pass it as {@code before} to read older events
 * @param at            when the attempt was answered
 * @param username      the name as typed (it may name no user), at most {@value SignInEvents#MAX_USERNAME} characters
 * @param clientAddress the client address the admin believed (see {@code gatehouse.admin.trusted-proxies})
 * @param outcome       how it ended
 */
public record SignInEvent(long id, Instant at, String username, String clientAddress, SignInOutcome outcome) {
}
