package dev.gatehouse.admin.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * Marks a controller that renders console pages. {@link ConsoleModelAdvice} adds the shared page model
 * (current revision), trims form input, keeps server-owned fields out of data binding and renders
 * console-style error pages for these controllers only, so the REST API keeps its problem+json answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface ConsoleController {
}
