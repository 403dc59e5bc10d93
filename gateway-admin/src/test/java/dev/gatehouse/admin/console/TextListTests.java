package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextListTests {

    @Test
    void textBoxesSplitAtLinesAndCommas() {
        assertThat(TextList.split(" /a\r\n/b, /c ,,\n\n")).containsExactly("/a", "/b", "/c");
        assertThat(TextList.split("bad path")).containsExactly("bad path");
        assertThat(TextList.split("  ")).isEmpty();
        assertThat(TextList.split(null)).isEmpty();
        assertThat(TextList.join(List.of("a", "b"))).isEqualTo("a\nb");
        assertThat(TextList.join(null)).isEmpty();
    }

    @Test
    void aViolationOfOneEntryQuotesIt() {
        List<String> entries = List.of("ok", "not ok");
        assertThat(TextList.onTextBox(new Violation("groups[1]", "is bad"), "groups", "groups", entries))
                .contains(new Violation("groups", "\u201cnot ok\u201d is bad"));
        assertThat(TextList.onTextBox(new Violation("scopes.tags[0]", "is bad"), "scopes.tags", "tags", entries))
                .contains(new Violation("tags", "\u201cok\u201d is bad"));
        assertThat(TextList.onTextBox(new Violation("groups[7]", "is bad"), "groups", "groups", entries))
                .contains(new Violation("groups", "\u201c#8\u201d is bad"));
    }

    @Test
    void aViolationOfTheWholeListOrAnotherFieldIsLeftAlone() {
        assertThat(TextList.onTextBox(new Violation("groups", "too many"), "groups", "g", List.of()))
                .contains(new Violation("g", "too many"));
        assertThat(TextList.onTextBox(new Violation("groupsExtra[0]", "x"), "groups", "g", List.of())).isEmpty();
        assertThat(TextList.onTextBox(new Violation("name", "x"), "groups", "g", List.of())).isEmpty();
        assertThat(TextList.onTextBox(new Violation(null, "x"), "groups", "g", List.of())).isEmpty();
    }
}
