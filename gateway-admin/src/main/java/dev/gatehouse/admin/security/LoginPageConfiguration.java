package dev.gatehouse.admin.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves {@code GET /login} with the console's {@code login.html} template (from admin-ui). A console controller
 * mapping {@code /login} itself would take precedence over this view controller.
 */
@Configuration(proxyBeanMethods = false)
class LoginPageConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/login").setViewName("login");
    }
}
