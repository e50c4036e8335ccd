package io.github.accountopening.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Logging out of a webapp ends the application's session and, on {@code POST /logout}, the identity
 * provider's too, which then sends the browser back to the public URL's webapps. The webapps' own
 * "Log out" calls Camunda's logout API from the page: that call ends the session here, so the next
 * page asks the identity provider again. Both are state changes: POST only, with the CSRF token.
 */
class SingleSignOnLogout implements LogoutSuccessHandler {

    private final OidcClientInitiatedLogoutSuccessHandler identityProvider;
    private final String webappLogout;

    SingleSignOnLogout(ClientRegistrationRepository registrations, String publicUrl, String webapps) {
        this.identityProvider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        // Not {baseUrl}: that is built from the request's Host header, which the client chooses.
        this.identityProvider.setPostLogoutRedirectUri(publicUrl + webapps + "/app/");
        this.webappLogout = webapps + "/api/admin/auth/user/*/logout";
    }

    static RequestMatcher matcher(String webapps) {
        return new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"),
                PathPatternRequestMatcher.withDefaults()
                        .matcher(HttpMethod.POST, webapps + "/api/admin/auth/user/*/logout"));
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, jakarta.servlet.ServletException {
        if (PathPatternRequestMatcher.withDefaults().matcher(webappLogout).matches(request)) {
            response.setStatus(HttpServletResponse.SC_OK); // the page's XHR: no redirect to follow
            return;
        }
        identityProvider.onLogoutSuccess(request, response, authentication);
    }
}
