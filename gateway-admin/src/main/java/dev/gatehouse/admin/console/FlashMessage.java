package dev.gatehouse.admin.console;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A message shown once on the page after a redirect (POST, redirect, GET). The layout renders it from
 * {@code messages.properties} with the given arguments.
 *
 * @param kind {@code success} or {@code error}; selects the colour
 * @param code message key
 * @param args message arguments, such as the name of the changed object
 */
public record FlashMessage(String kind, String code, Object[] args) implements Serializable {

    /** Name of the flash attribute the layout reads. */
    public static final String ATTRIBUTE = "flash";

    public FlashMessage {
        args = args == null ? new Object[0] : args.clone();
    }

    /** Shows a success message on the page the redirect leads to. */
    public static void success(RedirectAttributes redirect, String code, Object... args) {
        redirect.addFlashAttribute(ATTRIBUTE, new FlashMessage("success", code, args));
    }

    /** Shows an error message on the page the redirect leads to. */
    public static void error(RedirectAttributes redirect, String code, Object... args) {
        redirect.addFlashAttribute(ATTRIBUTE, new FlashMessage("error", code, args));
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlashMessage that && kind.equals(that.kind) && code.equals(that.code)
                && Arrays.equals(args, that.args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, code, Arrays.hashCode(args));
    }

    @Override
    public String toString() {
        return "FlashMessage[" + kind + ", " + code + ", " + Arrays.toString(args) + "]";
    }
}
