package dev.gatehouse.config.composite;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6901 JSON Pointers as composite routes write them: {@code ""} (the whole document) or {@code /a/b/0}, with
 * {@code ~0} for {@code ~} and {@code ~1} for {@code /}. Braces are not allowed, so a pointer can sit inside a
 * template variable.
 */
public final class JsonPointers {

    /** Longest pointer accepted. */
    public static final int MAX_LENGTH = 256;

    private JsonPointers() {
    }

    /** Why the text is not a pointer, or {@code null} when it is one. */
    public static String problem(String pointer) {
        if (pointer == null) {
            return "is required: a JSON Pointer such as /price/amount";
        }
        if (pointer.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            return "must be a JSON Pointer starting with /, such as /price/amount";
        }
        for (int i = 0; i < pointer.length(); i++) {
            char c = pointer.charAt(i);
            if (c == '~' && (i + 1 == pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                return "uses ~ other than as ~0 or ~1";
            }
            if (c == '{' || c == '}' || Character.isISOControl(c)) {
                return "must not contain braces or control characters";
            }
        }
        return null;
    }

    /** The unescaped reference tokens of a valid pointer ({@code /a~1b/0} → {@code [a/b, 0]}). */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** The name a selected field gets when none is given: the pointer's last token. */
    public static String lastToken(String pointer) {
        List<String> tokens = tokens(pointer);
        return tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
    }
}
