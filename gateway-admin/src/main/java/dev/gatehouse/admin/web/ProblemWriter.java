package dev.gatehouse.admin.web;

import dev.gatehouse.config.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem body straight to a servlet response, for answers given outside Spring MVC (security). */
@Component
public class ProblemWriter {

    private final JsonMapper mapper;

    public ProblemWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Writes the problem unless the response is already committed. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                      String detail, List<Violation> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(Problem.MEDIA_TYPE.toString());
        mapper.writeValue(response.getOutputStream(),
                Problem.body(status, code, detail, request.getRequestURI(), errors));
    }
}
