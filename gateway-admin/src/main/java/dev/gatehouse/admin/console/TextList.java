package dev.gatehouse.admin.console;

import dev.gatehouse.config.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list typed into one text box, one entry per line or comma (hosts, groups, tags). Forms use it to turn the
 * box into the API's list and to show a violation of one entry ({@code groups[1]}) on the box, quoting what
 * was typed so the admin sees which line is meant.
 */
public final class TextList {

    // Lines or commas separate entries; spaces inside an entry stay, so the error quotes what was typed.
    private static final Pattern SEPARATORS = Pattern.compile("[,\\r\\n]+");
    private static final Pattern ENTRY = Pattern.compile("(.+?)(?:\\[(\\d+)])?");

    private TextList() {
    }

    /** Entries of a text box: one per line or comma, trimmed, blanks dropped. */
    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(text)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A list as the text box shows it: one entry per line. */
    public static String join(List<String> entries) {
        return entries == null ? "" : String.join("\n", entries);
    }

    /**
     * The violation shown on the text box {@code field} when it concerns the list {@code apiField} (as a whole,
     * or one entry of it); empty when it concerns something else.
     *
     * @param violation what the service refused, with the API's field name
     * @param apiField  the list's name in the API request, such as {@code groups} or {@code jwt.audiences}
     * @param field     the form property of the text box
     * @param entries   the entries the form sent, in order
     */
    public static Optional<Violation> onTextBox(Violation violation, String apiField, String field,
                                                List<String> entries) {
        if (violation.field() == null) {
            return Optional.empty();
        }
        Matcher matcher = ENTRY.matcher(violation.field());
        if (!matcher.matches() || !matcher.group(1).equals(apiField)) {
            return Optional.empty();
        }
        if (matcher.group(2) == null) {
            return Optional.of(new Violation(field, violation.message()));
        }
        int index = Integer.parseInt(matcher.group(2));
        String entry = index < entries.size() ? entries.get(index) : "#" + (index + 1);
        return Optional.of(new Violation(field, "\u201c" + entry + "\u201d " + violation.message()));
    }
}
