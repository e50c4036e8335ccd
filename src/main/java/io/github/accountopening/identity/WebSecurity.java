package io.github.accountopening.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.accountopening.identity.Roles.ADMIN;
import static io.github.accountopening.identity.Roles.ANALYSTS;
import static io.github.accountopening.identity.Roles.MONITORING;
import static io.github.accountopening.identity.Roles.ONBOARDING;
import static io.github.accountopening.identity.Roles.OPS;
import static io.github.accountopening.identity.Roles.authorities;

/**
 * Who reaches which endpoint. Webhooks prove themselves by signature. The REST APIs take HTTP Basic
 * of a Camunda user (unless switched off) and, once an issuer is configured, bearer tokens; on
 * {@code /engine-rest} Camunda's own authorizations decide the rest, elsewhere the groups below do.
 * The webapps use their own login, or the identity provider's once a client registration exists;
 * that login also reads (never writes) {@code /api}, for Cockpit's account record tab.
 */
@Configuration
@ConditionalOnWebApplication
class WebSecurity {

    static final String ENGINE_REST = "/engine-rest/**";

    /** Our own endpoints and the groups that may use them, first match wins. */
    record PathRule(String[] paths, String... groups) {
        static PathRule of(List<String> paths, String... groups) {
            return new PathRule(paths.toArray(String[]::new), groups);
        }

        static String groupsFor(HttpServletRequest request) {
            return PATH_RULES.stream()
                    .filter(rule -> WebSecurity.paths(rule.paths()).matches(request))
                    .findFirst().map(rule -> String.join(", ", rule.groups())).orElse(ADMIN);
        }
    }

    static final List<PathRule> PATH_RULES = List.of(
            PathRule.of(List.of("/actuator/**"), ADMIN, MONITORING),
            PathRule.of(List.of("/api/account-openings", "/api/account-openings/**"), ADMIN, OPS, ONBOARDING),
            PathRule.of(List.of("/api/**", "/company/**"), ADMIN, OPS),
            PathRule.of(List.of("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"), ADMIN, OPS, ONBOARDING),
            // Within the engine's API, Camunda's authorizations decide each operation.
            PathRule.of(List.of(ENGINE_REST), ADMIN, OPS, ONBOARDING, ANALYSTS));

    /**
     * Webhooks and the simulators carry their own credentials (a signature, NexusBank's bearer key,
     * Jira's Basic auth), which are none of Camunda's users: no check here at all.
     */
    @Bean
    @Order(1)
    SecurityFilterChain selfAuthenticatingEndpoints(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(paths("/webhooks/**", "/simulator/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain restApis(HttpSecurity http, IdentityService identity, IdentityProperties properties,
                                 ObjectProvider<JwtDecoder> tokens, ObjectMapper json, ProcessEngine engine) throws Exception {
        boolean bearer = tokens.getIfAvailable() != null;
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            // A script's request (Cockpit's plugin once its session ended) must not open the browser's login dialog.
            if (properties.basicEnabled() && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"account-opening\"");
            }
            if (bearer) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
            refuse(request, response, json, HttpStatus.UNAUTHORIZED, "AuthenticationException", bearer
                    ? (properties.basicEnabled() ? "HTTP Basic credentials of a Camunda user or " : "")
                    + "a valid bearer token of the configured issuer is required" + reason(e.getMessage())
                    : "HTTP Basic credentials of a Camunda user are required");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> refuse(request, response, json, HttpStatus.FORBIDDEN,
                "AuthorizationException", "user '" + request.getRemoteUser() + "' may not " + request.getMethod() + " "
                        + request.getRequestURI() + ": that needs one of the groups " + PathRule.groupsFor(request));
        http.securityMatcher(paths(ENGINE_REST, "/api/**", "/company/**", "/actuator/**",
                        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"))
                .csrf(csrf -> csrf.disable()) // stateless credentials on every request, no cookie to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll();
                    for (PathRule rule : PATH_RULES) {
                        auth.requestMatchers(paths(rule.paths())).hasAnyAuthority(authorities(rule.groups()));
                    }
                    auth.anyRequest().denyAll();
                });
        // Cockpit's account record tab reads with the user's webapp session, after any Basic or token.
        http.addFilterBefore(new WebappSessionReads(engine.getName(), paths("/api/**")), AnonymousAuthenticationFilter.class);
        if (properties.basicEnabled()) {
            http.authenticationProvider(new CamundaUserAuthenticationProvider(identity))
                    .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized));
        }
        if (bearer) {
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenUsers(properties))));
        }
        return http.build();
    }

    /**
     * Cockpit, Tasklist and Admin through the identity provider's login page, when a client
     * registration is configured; Camunda's logout ends the session here too.
     */
    @Bean
    @Order(3)
    SecurityFilterChain webappSingleSignOn(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> clients,
                                           IdentityProperties properties,
                                           @org.springframework.beans.factory.annotation.Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps)
            throws Exception {
        ClientRegistrationRepository registrations = clients.getIfAvailable();
        if (registrations == null) {
            // Without single sign-on the webapps keep their own login, session and CSRF protection.
            return http.securityMatcher(paths("/**"))
                    .csrf(csrf -> csrf.disable())
                    .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                    .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .build();
        }
        return http.securityMatcher(paths("/**"))
                .csrf(csrf -> csrf.disable()) // the webapps' own CSRF filter protects their API
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths(webapps + "/app/**", webapps + "/api/**")).authenticated()
                        .anyRequest().permitAll())
                .oauth2Login(login -> login.userInfoEndpoint(user -> user.oidcUserService(new OidcLoginUsers(properties))))
                .logout(logout -> logout
                        .logoutRequestMatcher(SingleSignOnLogout.matcher(webapps))
                        .logoutSuccessHandler(new SingleSignOnLogout(registrations, webapps)))
                .build();
    }

    /**
     * Paths as the client sent them: the engine's REST API and the webapps are servlets of their own,
     * which Spring MVC's matchers (the default for plain strings) do not see.
     */
    static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
                               HttpStatus status, String camundaType, String message) throws IOException {
        response.setStatus(status.value());
        if (paths(ENGINE_REST).matches(request)) {
            // Camunda REST clients read Camunda's error body.
            Map<String, String> body = new LinkedHashMap<>();
            body.put("type", camundaType);
            body.put("message", message);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), body);
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, message));
        }
    }

    private static String reason(String message) {
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }
}
