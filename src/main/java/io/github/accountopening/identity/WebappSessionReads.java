package io.github.accountopening.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Lets a user logged in to Cockpit read our own API with that login, as Cockpit's pages do: the user
 * and groups come from the webapps' session, so the same group rules apply as for Basic or a token.
 * Only reads: the API has no CSRF protection of its own, so a cookie alone never changes anything.
 */
class WebappSessionReads extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final String engineName;
    private final RequestMatcher paths;

    WebappSessionReads(String engineName, RequestMatcher paths) {
        this.engineName = engineName;
        this.paths = paths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserAuthentication user = sessionUser(request);
        if (user != null) {
            SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null,
                    AuthorityUtils.createAuthorityList(Roles.authorities(user.getGroupIds().toArray(String[]::new)))));
            SecurityContextHolder.getContextHolderStrategy().setContext(context);
        }
        chain.doFilter(request, response);
    }

    private UserAuthentication sessionUser(HttpServletRequest request) {
        if (!READS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !paths.matches(request) || SecurityContextHolder.getContext().getAuthentication() != null) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentication login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
        return login instanceof UserAuthentication user && user.getGroupIds() != null ? user : null;
    }
}
