package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.AdminUser;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes a console session follow its user's row on every request, so that an admin's change takes effect at the
 * user's next click rather than at their next sign-in. One lookup by user name (a unique index) per request of a
 * signed-in session, static files excepted:
 * <ul>
 *   <li>user deleted, replaced by another of the same name (another id), disabled, or turned into a service
 *   account: the session is ended and the browser sent to {@code /login?ended};</li>
 *   <li>role changed: the session's role authority is replaced (the rest of the authentication is kept) and saved
 *   in the session, before the request is authorised.</li>
 * </ul>
 * Applies to sessions signed in through {@link SignInAnswers} (password or single sign-on), which stamps the
 * user's id; other authentications (none in production; test tools that set one per request) are left alone.
 */
final class SessionRoleRefresh extends OncePerRequestFilter {

    private static final String ROLE_PREFIX = "ROLE_";

    private final AdminUserService users;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SessionRoleRefresh(AdminUserService users) {
        this.users = users;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/images/")
                || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Object stamped = session == null ? null : session.getAttribute(SignInAnswers.USER_ID);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(stamped instanceof UUID id) || authentication == null || !authentication.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AdminUser> user = users.find(authentication.getName());
        Authentication current = user.filter(u -> u.id().equals(id) && u.canSignIn())
                .map(u -> withRole(authentication, u.role()))
                .orElse(null);
        if (current == null) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?ended");
            return;
        }
        if (current != authentication) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(current);
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }

    /**
     * The authentication with {@code role} as its only role: itself when it already is, a copy otherwise, null for
     * a kind this filter cannot rebuild (the session is then ended rather than left with a stale role).
     */
    static Authentication withRole(Authentication authentication, Role role) {
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE_PREFIX)).collect(Collectors.toSet());
        if (roles.equals(Set.of(role.authority()))) {
            return authentication;
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authentication.getAuthorities().stream().filter(a -> !a.getAuthority().startsWith(ROLE_PREFIX))
                .forEach(authorities::add);
        authorities.add(new SimpleGrantedAuthority(role.authority()));
        if (authentication instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof ConsoleOidcUser principal) {
            OAuth2AuthenticationToken replaced = new OAuth2AuthenticationToken(principal.withAuthorities(authorities),
                    authorities, token.getAuthorizedClientRegistrationId());
            replaced.setDetails(token.getDetails());
            return replaced;
        }
        if (authentication instanceof UsernamePasswordAuthenticationToken token) {
            User principal = new User(token.getName(), "", authorities);
            UsernamePasswordAuthenticationToken replaced =
                    UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
            replaced.setDetails(token.getDetails());
            return replaced;
        }
        return null;
    }
}
