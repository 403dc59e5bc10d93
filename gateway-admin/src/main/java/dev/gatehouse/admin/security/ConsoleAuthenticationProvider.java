package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.AuditAction;
import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.user.AdminUser;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.SignInEvents;
import dev.gatehouse.admin.user.SignInOutcome;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Console sign-in against {@code admin_users}, throttled and recorded. Every attempt that is not throttled costs
 * exactly one BCrypt check (against a dummy hash when the user does not exist) and a disabled user is refused only
 * after the password check, so unknown users, wrong passwords and disabled users get the same answer in the same
 * time. A throttled attempt is refused before any lookup, whether or not the user exists, so a lock reveals
 * nothing either. Each recorded attempt also goes to the audit trail (the same outcome, the same address).
 */
final class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private final AdminUserService users;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final SignInEvents events;
    private final AuditTrail audit;
    /** A hash of a random password, checked for unknown users so that they cost what a real user costs. */
    private final String dummyHash;

    ConsoleAuthenticationProvider(AdminUserService users, PasswordEncoder passwords, SignInThrottle throttle,
                                  SignInEvents events, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String typed = attempt.getName() == null ? "" : attempt.getName();
        String account = typed.length() > SignInEvents.MAX_USERNAME
                ? typed.substring(0, SignInEvents.MAX_USERNAME) : typed;
        String address = clientAddress(attempt);
        SignInThrottle.Verdict verdict = throttle.begin(account, address);
        if (!verdict.allowed()) {
            if (verdict.firstRefusal()) {
                events.record(account, address, SignInOutcome.THROTTLED);
                audit.signIn(account, address, AuditAction.SIGN_IN_THROTTLED);
            }
            throw new SignInThrottledException(verdict.retryAt());
        }
        AdminUser user;
        boolean matches;
        try {
            String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
            // an over-long name cannot be a user; look up nothing but still pay for one BCrypt check
            Optional<AdminUser> found = typed.length() > SignInEvents.MAX_USERNAME ? Optional.empty()
                    : users.find(typed);
            user = found.orElse(null);
            // a service account or single sign-on user has no password: pay for the same BCrypt check as for an
            // unknown name
            matches = passwords.matches(password, user != null && user.hasPassword() ? user.passwordHash() : dummyHash);
        } catch (RuntimeException e) {
            throttle.abandoned(account, address);
            throw e;
        }
        if (user == null || !user.hasPassword() || !matches || !user.canSignIn()) {
            throttle.failed(account, address);
            events.record(account, address, SignInOutcome.FAILURE);
            audit.signIn(account, address, AuditAction.SIGN_IN_FAILED);
            throw new BadCredentialsException("wrong user name or password");
        }
        throttle.succeeded(account, address);
        events.record(account, address, SignInOutcome.SUCCESS);
        audit.signIn(account, address, AuditAction.SIGN_IN);
        UserDetails principal = User.withUsername(user.username()).password("")
                .authorities(user.role().authority()).build();
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, AuthorityUtils.createAuthorityList(user.role().authority()));
        result.setDetails(attempt.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String clientAddress(Authentication attempt) {
        if (attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }
}
