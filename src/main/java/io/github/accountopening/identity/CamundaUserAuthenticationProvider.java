package io.github.accountopening.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** HTTP Basic credentials are checked against Camunda's users, the same ones that log in to the webapps. */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaUserAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
            throw new BadCredentialsException("unknown user or wrong password");
        }
        var groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(id -> new SimpleGrantedAuthority(Roles.authority(id))).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
