package dev.gatehouse.admin.declarative;

/**
 * No configuration history is recorded by this admin, so there is no past state to roll back to. Answered 503
 * {@code history_unavailable}.
 */
class HistoryUnavailableException extends RuntimeException {

    HistoryUnavailableException() {
        super("the configuration history is not available in this admin, so it cannot roll back");
    }
}
