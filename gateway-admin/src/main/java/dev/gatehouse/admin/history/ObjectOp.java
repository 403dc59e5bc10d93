package dev.gatehouse.admin.history;

import java.util.Locale;

/** What a revision did to an object. */
public enum ObjectOp {
    CREATE, UPDATE, DELETE;

    /** The wire name: {@code create}, {@code update}, {@code delete}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ObjectOp fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The operation of a change from {@code before} to {@code after}, either null for "did not exist". */
    static ObjectOp of(Object before, Object after) {
        return before == null ? CREATE : after == null ? DELETE : UPDATE;
    }
}
