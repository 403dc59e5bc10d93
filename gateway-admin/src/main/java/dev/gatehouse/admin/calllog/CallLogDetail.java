package dev.gatehouse.admin.calllog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * One call with everything the logs API knows of it: the call's own fields and, for a composite route, the
 * upstream calls (steps) that answered it, ordered by start.
 *
 * @param call  the call, its fields shown at the top level as in the list
 * @param steps its steps by start; empty for an ordinary call
 */
public record CallLogDetail(@JsonUnwrapped CallLogEntry call, List<CallStep> steps) {

    public CallLogDetail {
        steps = List.copyOf(steps);
    }
}
