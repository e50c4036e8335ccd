package io.github.accountopening.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A webapp session lasts no longer than the ID token it was opened with: then it ends, and the next
 * page asks the identity provider again, so groups it has since taken away stop counting.
 */
class IdTokenExpiry extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdTokenExpiry.class);

    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            Instant expiresAt = user.getIdToken().getExpiresAt();
            if (expiresAt == null || !Instant.now().isBefore(expiresAt)) {
                log.info(
                        "Webapp session of '{}' ended: its ID token expired at {}",
                        authentication.getName(),
                        expiresAt);
                logout.logout(request, response, authentication);
            }
        }
        chain.doFilter(request, response);
    }
}
