package io.github.accountopening.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Spring Security's CSRF check on the logout requests, with the token the webapps already hold: the
 * one Camunda keeps in the session and hands the pages as the {@code XSRF-TOKEN} cookie, sent back as
 * the {@code X-XSRF-TOKEN} header (or the {@code _csrf} field of the logout page).
 */
class CamundaCsrfTokens implements CsrfTokenRepository {

    private static final String PARAMETER = "_csrf";

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return new DefaultCsrfToken(
                CsrfConstants.CSRF_TOKEN_HEADER_NAME,
                PARAMETER,
                UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
    }

    @Override
    public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
            }
        } else {
            request.getSession().setAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME, token.getToken());
        }
    }

    @Override
    public @Nullable CsrfToken loadToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return token == null
                ? null
                : new DefaultCsrfToken(CsrfConstants.CSRF_TOKEN_HEADER_NAME, PARAMETER, token.toString());
    }
}
