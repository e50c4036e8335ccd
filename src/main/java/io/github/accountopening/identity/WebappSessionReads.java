package io.github.accountopening.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user logged in to Cockpit read our own API with that login, as Cockpit's pages do: the user
 * and groups come from the webapps' session, so the same group rules apply as for Basic or a token.
 * Only reads: the API has no CSRF protection of its own, so a cookie alone never changes anything.
 */
class WebappSessionReads extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    /** Camunda's webapps check a session's groups again after five minutes (their cache's default time to live). */
    private static final Duration GROUPS_CHECKED_WITHIN = Duration.ofMinutes(5);

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
            SecurityContext context =
                    SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    user.getName(),
                    null,
                    AuthorityUtils.createAuthorityList(
                            Roles.authorities(user.getGroupIds().toArray(String[]::new)))));
            SecurityContextHolder.getContextHolderStrategy().setContext(context);
        }
        chain.doFilter(request, response);
    }

    private @Nullable UserAuthentication sessionUser(HttpServletRequest request) {
        if (!READS.contains(request.getMethod())
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !paths.matches(request)
                || SecurityContextHolder.getContext().getAuthentication() != null) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        if (idTokenExpired(session)) {
            return null; // the webapps end such a session on their next page; its cookie reads nothing meanwhile
        }
        Authentication login =
                AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
        if (!(login instanceof UserAuthentication user) || user.getGroupIds() == null) {
            return null;
        }
        // Groups as Camunda last checked them for this session; older than its own cache allows, the webapps check
        // again on their next call (the tab's first request is one), so a removed member reads nothing here meanwhile.
        Date checked = user.getCacheValidationTime();
        return checked != null && checked.toInstant().isBefore(Instant.now().minus(GROUPS_CHECKED_WITHIN))
                ? null
                : user;
    }

    private static boolean idTokenExpired(HttpSession session) {
        return session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                        instanceof SecurityContext context
                && context.getAuthentication() != null
                && context.getAuthentication().getPrincipal() instanceof OidcUser user
                && (user.getIdToken().getExpiresAt() == null
                        || !Instant.now().isBefore(user.getIdToken().getExpiresAt()));
    }
}
