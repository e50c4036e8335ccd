package io.github.accountopening.identity;

import jakarta.servlet.FilterConfig;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Camunda's container-based login for Cockpit, Tasklist and Admin, fed by the OpenID Connect login.
 * Camunda's own version looks the user up in its user table; a single sign-on user lives in the
 * identity provider instead, so the webapp session is built from the token's user and groups, and
 * the apps it opens are those the groups are authorized for.
 */
class SingleSignOnWebappFilter extends ContainerBasedAuthenticationFilter {

    @Override
    public void init(FilterConfig filterConfig) {
        authenticationProvider = new SpringSecurityAuthentication();
    }

    /**
     * Camunda keeps a session's authentication while the user id stays the same; a new login of the
     * same user may bring other groups (the identity provider took some away), and those count.
     */
    @Override
    protected boolean isAuthenticated(Authentication authentication, String engineName, String username) {
        var login = SecurityContextHolder.getContext().getAuthentication();
        return super.isAuthenticated(authentication, engineName, username)
                && authentication instanceof UserAuthentication user
                && login != null
                && Set.copyOf(user.getGroupIds()).equals(Set.copyOf(Roles.groups(login.getAuthorities())));
    }

    @Override
    protected UserAuthentication createAuthentication(
            ProcessEngine engine, String userId, List<String> groups, List<String> tenants) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Set<String> apps = new HashSet<>();
        apps.add(AuthenticationUtil.APP_WELCOME);
        for (String app : AuthenticationUtil.APPS) {
            if (authorizations.isUserAuthorized(userId, groups, Permissions.ACCESS, Resources.APPLICATION, app)) {
                apps.add(app);
            }
        }
        UserAuthentication authentication = new UserAuthentication(userId, engine.getName());
        authentication.setGroupIds(groups);
        authentication.setTenantIds(tenants);
        authentication.setAuthorizedApps(apps);
        // The webapps refresh a session's groups from Camunda's tables now and then, and drop the
        // session of a user they do not find there: this one's groups come from the login instead.
        authentication.setCacheValidationTime(Date.from(Instant.ofEpochMilli(Long.MAX_VALUE)));
        return authentication;
    }
}
