package dev.gatehouse.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers API requests that failed before reaching a controller (unknown path, wrong method, wrong content
 * type) with problem+json. {@link ApiExceptionHandler} cannot: controller advice only applies once a controller
 * was chosen. Requests outside {@code /api} and {@code /cluster} keep Spring Boot's error handling.
 */
@Component
class ApiFallbackExceptionResolver implements HandlerExceptionResolver, Ordered {

    private final JsonMapper mapper;

    ApiFallbackExceptionResolver(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (handler instanceof HandlerMethod || !isApi(request) || !handles(ex) || response.isCommitted()) {
            return null;
        }
        ResponseEntity<Object> problem = ApiExceptionHandler.BodyProblems.framework(ex, request.getRequestURI());
        try {
            response.setStatus(problem.getStatusCode().value());
            String allow = problem.getHeaders().getFirst(HttpHeaders.ALLOW);
            if (allow != null) {
                response.setHeader(HttpHeaders.ALLOW, allow);
            }
            response.setContentType(Problem.MEDIA_TYPE.toString());
            mapper.writeValue(response.getOutputStream(), (Map<?, ?>) problem.getBody());
            return new ModelAndView();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/cluster/");
    }

    private static boolean handles(Exception ex) {
        return ex instanceof HttpRequestMethodNotSupportedException || ex instanceof HttpMediaTypeNotSupportedException
                || ex instanceof HttpMediaTypeNotAcceptableException || ex instanceof NoResourceFoundException
                || ex instanceof NoHandlerFoundException;
    }
}
