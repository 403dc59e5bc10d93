package dev.gatehouse.admin.web;

/** Cuts text that is stored for people to read (names, addresses, reasons) to a bounded length. */
public final class TextLimit {

    private TextLimit() {
    }

    /** {@code text} cut to at most {@code max} characters, never between the two halves of a surrogate pair. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
