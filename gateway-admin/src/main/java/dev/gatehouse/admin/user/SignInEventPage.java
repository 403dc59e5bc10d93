package dev.gatehouse.admin.user;

import java.util.List;

/**
 * A page of sign-in events, newest first.
 *
 * @param items  the events
 * @param before pass as {@code before} to read the next (older) page; {@code null} on the last page
 */
public record SignInEventPage(List<SignInEvent> items, Long before) {

    public SignInEventPage {
        items = List.copyOf(items);
    }
}
