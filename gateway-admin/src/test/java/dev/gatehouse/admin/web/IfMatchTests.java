package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

class IfMatchTests {

    private static final UUID ID = UUID.fromString("6f1c1b5e-8f0a-4c1e-9d53-0f6f1f3b2a10");
    private static final String CURRENT = "\"" + ID + ".4\"";

    @Test
    void theTagIsTheIdAndVersionQuoted() {
        assertThat(IfMatch.etag(ID.toString(), 4)).isEqualTo(CURRENT);
    }

    @Test
    void noHeaderAndAnyTagPass() {
        IfMatch.parse(null).check(ID, 4);
        IfMatch.parse("*").check(ID, 4);
        IfMatch.parse(" * ").check(ID, 4);
        IfMatch.version(null).check(ID, 4);
    }

    @Test
    void theCurrentTagPassesAloneOrInAList() {
        IfMatch.parse(CURRENT).check(ID, 4);
        IfMatch.parse("\"x\", " + CURRENT + " ,\"y\"").check(ID, 4);
        IfMatch.version(4L).check(ID, 4);
    }

    @Test
    void aStaleOrWeakTagFailsWithTheCurrentTag() {
        assertThatThrownBy(() -> IfMatch.parse("\"" + ID + ".3\"").check(ID, 4))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.currentEtag()).isEqualTo(CURRENT));
        // If-Match compares strongly
        assertThatThrownBy(() -> IfMatch.parse("W/" + CURRENT).check(ID, 4))
                .isInstanceOf(PreconditionFailedException.class);
        // the same version of another object
        assertThatThrownBy(() -> IfMatch.parse("\"" + UUID.randomUUID() + ".4\"").check(ID, 4))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> IfMatch.version(3L).check(ID, 4)).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void malformedHeadersAreInvalidInput() {
        for (String header : new String[] {"", " ", ID + ".4", "\"a\",", ",\"a\"", "\"a\" \"b\"", "\"a", "*, \"a\"",
                "W/ \"a\"", "\"a\"b"}) {
            assertThatThrownBy(() -> IfMatch.parse(header)).as(header)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.violations().get(0).field()).isEqualTo("If-Match"));
        }
    }

    @Test
    void theApiAnswersAStaleTagWith412AndARaceCaughtByTheVersionColumnWith409() {
        ApiExceptionHandler handler = new ApiExceptionHandler(new DatabaseStatus(null));
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/plans/pro");

        ResponseEntity<Object> stale = handler.concurrentChange(new PreconditionFailedException(CURRENT), request);
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getHeaders().getFirst(HttpHeaders.ETAG)).isEqualTo(CURRENT);
        assertThat(stale.getHeaders().getContentType()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(stale.getBody()).asString().contains("code=precondition_failed");

        ResponseEntity<Object> race = handler.concurrentChange(
                new ObjectOptimisticLockingFailureException("StoredPlan", ID), request);
        assertThat(race.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(race.getBody()).asString().contains("code=conflict");
    }
}
