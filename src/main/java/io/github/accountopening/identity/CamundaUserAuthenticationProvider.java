package io.github.accountopening.identity;

import java.util.concurrent.locks.Lock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic credentials are checked against Camunda's users, the same ones that log in to the webapps,
 * after the login throttle: an address that failed too often for a user is refused without a check.
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final LoginThrottle throttle;

    CamundaUserAuthenticationProvider(IdentityService identity, LoginThrottle throttle) {
        this.identity = identity;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress()
                : "unknown";
        Lock oneAtATime = throttle.lockFor(address, user);
        oneAtATime.lock();
        try {
            throttle.refusal(address, user).ifPresent(wait -> {
                throw new LoginThrottledException(user, wait);
            });
            if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
                throttle.failed(address, user);
                throw new BadCredentialsException("unknown user or wrong password");
            }
            throttle.succeeded(address, user);
        } finally {
            oneAtATime.unlock();
        }
        var groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .map(id -> new SimpleGrantedAuthority(Roles.authority(id)))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
