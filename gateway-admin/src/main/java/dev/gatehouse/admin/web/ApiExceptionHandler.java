package dev.gatehouse.admin.web;

import dev.gatehouse.config.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns exceptions from the REST controllers into {@code application/problem+json}. Limited to
 * {@code @RestController}s so the console's HTML controllers keep their own error pages. Never exposes a
 * stack trace: unexpected exceptions are logged and answered with a generic 500.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DatabaseStatus database;

    public ApiExceptionHandler(DatabaseStatus database) {
        this.database = database;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalid(InvalidInputException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.BAD_REQUEST, "validation_failed",
                "the request has " + e.violations().size() + " invalid field"
                        + (e.violations().size() == 1 ? "" : "s") + ": "
                        + e.violations().stream().map(Violation::field).distinct()
                        .collect(Collectors.joining(", ")),
                request.getRequestURI(), e.violations());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.NOT_FOUND, "not_found", e.getMessage(), request.getRequestURI(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.CONFLICT, e.code(), e.getMessage(), request.getRequestURI(), null);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        // The services check first; this only answers races that the database caught.
        log.info("Write refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return Problem.response(HttpStatus.CONFLICT, ConflictException.CONFLICT,
                "the change conflicts with another change; reload and try again", request.getRequestURI(), null);
    }

    @ExceptionHandler({PreconditionFailedException.class, OptimisticLockingFailureException.class,
            jakarta.persistence.OptimisticLockException.class})
    ResponseEntity<Object> concurrentChange(RuntimeException e, HttpServletRequest request) {
        if (e instanceof PreconditionFailedException stale) {
            return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(stale.currentEtag())
                    .contentType(Problem.MEDIA_TYPE).body(Problem.body(HttpStatus.PRECONDITION_FAILED,
                            PreconditionFailedException.CODE, e.getMessage(), request.getRequestURI(), null));
        }
        // No If-Match was sent, but the row's version column caught a write racing this one.
        log.info("Write refused by the version check: {}", e.getMessage());
        return Problem.response(HttpStatus.CONFLICT, ConflictException.CONFLICT,
                "the object was changed by someone else at the same time; read it again and retry",
                request.getRequestURI(), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return BodyProblems.unreadable(e, request.getRequestURI());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "parameter '" + e.getName() + "' has an invalid value", request.getRequestURI(),
                List.of(new Violation(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "parameter '" + e.getParameterName() + "' is required", request.getRequestURI(),
                List.of(new Violation(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "header '" + e.getHeaderName() + "' is required", request.getRequestURI(), null);
    }

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class, NoResourceFoundException.class})
    ResponseEntity<Object> framework(Exception e, HttpServletRequest request) {
        return BodyProblems.framework(e, request.getRequestURI());
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // The peer closed a stream; there is nobody to answer.
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFailures.isUnavailable(e)) {
            database.unreachable();
            log.info("{} {} failed: database unavailable ({})", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            return databaseUnavailable(request.getRequestURI());
        }
        if (BodyProblems.tooLarge(e) != null) {
            return BodyProblems.bodyTooLarge(BodyProblems.tooLarge(e), request.getRequestURI());
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problem.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "unexpected error; the admin log has the details", request.getRequestURI(), null);
    }

    /** 503: the database is out of reach; nothing was changed, the same request may be sent again later. */
    static ResponseEntity<Object> databaseUnavailable(String instance) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problem.body(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                        "the database is unreachable; nothing was changed, try again shortly (nodes keep serving)",
                        instance, null));
    }

    /** Problems for request bodies and framework-level refusals, shared with {@link ApiFallbackExceptionResolver}. */
    static final class BodyProblems {

        /** Jackson's message for a key repeated within one object (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
        private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"$");
        private static final Pattern UNRECOGNIZED = Pattern.compile("(Unrecognized token) '[^']*'");

        private BodyProblems() {
        }

        static ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, String instance) {
            BodyTooLargeException tooLarge = tooLarge(e);
            if (tooLarge != null) {
                return bodyTooLarge(tooLarge, instance);
            }
            Throwable cause = e.getCause();
            if (cause instanceof TooManyItemsException many) {
                String field = path(many);
                return Problem.bodyResponse(HttpStatus.BAD_REQUEST, "too_many_items",
                        "field '" + field + "' holds more than " + many.limit() + " entries", instance,
                        List.of(new Violation(field, "must hold at most " + many.limit() + " entries")));
            }
            String duplicate = duplicateKey(cause);
            if (duplicate != null) {
                return Problem.bodyResponse(HttpStatus.BAD_REQUEST, "duplicate_key",
                        "field '" + duplicate + "' is given more than once", instance,
                        List.of(new Violation(duplicate, "is given more than once")));
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String field = path(unknown);
                return Problem.bodyResponse(HttpStatus.BAD_REQUEST, "unknown_field",
                        "unknown field '" + field + "'", instance,
                        List.of(new Violation(field, "is not a known field")));
            }
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                String field = path(mismatch);
                String expected = mismatch.getTargetType() == null ? "another type"
                        : describe(mismatch.getTargetType());
                return Problem.bodyResponse(HttpStatus.BAD_REQUEST, "malformed_json",
                        "field '" + field + "' must be " + expected, instance,
                        List.of(new Violation(field, "must be " + expected)));
            }
            String detail;
            if (cause instanceof JacksonException jackson) {
                // The parser quotes an unrecognised token, which may be a secret typed without its quotes.
                detail = "request body is not valid JSON: "
                        + UNRECOGNIZED.matcher(String.valueOf(jackson.getOriginalMessage())).replaceAll("$1")
                        + (jackson.getLocation() == null ? ""
                        : " (line " + jackson.getLocation().getLineNr() + ", column "
                        + jackson.getLocation().getColumnNr() + ")");
            } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
                detail = "request body is required";
            } else {
                detail = "request body is not valid JSON";
            }
            return Problem.response(HttpStatus.BAD_REQUEST, "malformed_json", detail, instance, null);
        }

        static ResponseEntity<Object> bodyTooLarge(BodyTooLargeException e, String instance) {
            return Problem.response(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                    "request body is larger than " + e.limit() + " bytes", instance, null);
        }

        /** The size-limit failure behind an exception, if that is what it is. */
        static BodyTooLargeException tooLarge(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BodyTooLargeException tooLarge) {
                    return tooLarge;
                }
            }
            return null;
        }

        /**
         * The field given twice, when that is why the body was refused: the parser's own path to the object that
         * holds it plus the repeated name, such as {@code targets[0].port}.
         */
        static String duplicateKey(Throwable cause) {
            if (!(cause instanceof StreamReadException read) || read.getOriginalMessage() == null) {
                return null;
            }
            Matcher m = DUPLICATE.matcher(read.getOriginalMessage());
            if (!m.find()) {
                return null;
            }
            String at = path(read);
            return at.equals("(body)") ? m.group(1) : at + "." + m.group(1);
        }

        static ResponseEntity<Object> framework(Exception e, String instance) {
            if (e instanceof HttpRequestMethodNotSupportedException m) {
                HttpHeaders headers = new HttpHeaders();
                if (m.getSupportedHttpMethods() != null) {
                    headers.setAllow(m.getSupportedHttpMethods());
                }
                return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                        .contentType(Problem.MEDIA_TYPE)
                        .body(Problem.body(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                                "method " + m.getMethod() + " is not allowed here", instance, null));
            }
            if (e instanceof HttpMediaTypeNotSupportedException m) {
                return Problem.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        "content type " + (m.getContentType() == null ? "(none)" : m.getContentType())
                                + " is not supported; send " + MediaType.APPLICATION_JSON_VALUE, instance, null);
            }
            if (e instanceof HttpMediaTypeNotAcceptableException) {
                return Problem.response(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                        "this resource is available as " + MediaType.APPLICATION_JSON_VALUE, instance, null);
            }
            return Problem.response(HttpStatus.NOT_FOUND, "not_found", "no such resource: " + instance, instance,
                    null);
        }

        private static String path(JacksonException e) {
            StringBuilder out = new StringBuilder();
            for (JacksonException.Reference ref : e.getPath()) {
                if (ref.getPropertyName() != null) {
                    if (!out.isEmpty()) {
                        out.append('.');
                    }
                    out.append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    out.append('[').append(ref.getIndex()).append(']');
                }
            }
            return out.isEmpty() ? "(body)" : out.toString();
        }

        private static String describe(Class<?> type) {
            if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (type == String.class) {
                return "a string";
            }
            if (List.class.isAssignableFrom(type) || type.isArray()) {
                return "an array";
            }
            return "an object";
        }
    }
}
