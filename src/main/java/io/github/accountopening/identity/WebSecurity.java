package io.github.accountopening.identity;

import static io.github.accountopening.identity.Roles.ADMIN;
import static io.github.accountopening.identity.Roles.ANALYSTS;
import static io.github.accountopening.identity.Roles.MONITORING;
import static io.github.accountopening.identity.Roles.ONBOARDING;
import static io.github.accountopening.identity.Roles.OPS;
import static io.github.accountopening.identity.Roles.authorities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.config.AccountOpeningProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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

    private static final Logger log = LoggerFactory.getLogger(WebSecurity.class);

    static final String ENGINE_REST = "/engine-rest/**";
    /** Everything springdoc serves: the API description in JSON and YAML, and Swagger UI. */
    static final List<String> API_DOCS =
            List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");

    /** Our own endpoints and the groups that may use them, first match wins. */
    record PathRule(List<String> paths, List<String> groups) {
        static PathRule of(List<String> paths, String... groups) {
            return new PathRule(List.copyOf(paths), List.of(groups));
        }

        static String groupsFor(HttpServletRequest request) {
            return PATH_RULES.stream()
                    .filter(rule -> WebSecurity.paths(rule.paths().toArray(String[]::new))
                            .matches(request))
                    .findFirst()
                    .map(rule -> String.join(", ", rule.groups()))
                    .orElse(ADMIN);
        }
    }

    static final List<PathRule> PATH_RULES = List.of(
            PathRule.of(List.of("/actuator/**"), ADMIN, MONITORING),
            PathRule.of(List.of("/api/account-openings", "/api/account-openings/**"), ADMIN, OPS, ONBOARDING),
            PathRule.of(List.of("/api/**", "/company/**"), ADMIN, OPS),
            PathRule.of(API_DOCS, ADMIN, OPS, ONBOARDING),
            // Within the engine's API, Camunda's authorizations decide each operation.
            PathRule.of(List.of(ENGINE_REST), ADMIN, OPS, ONBOARDING, ANALYSTS));

    /**
     * Webhooks and the simulators carry their own credentials (a signature, NexusBank's bearer key,
     * Jira's Basic auth), which are none of Camunda's users: no check here at all.
     */
    @Bean
    @Order(1)
    SecurityFilterChain selfAuthenticatingEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(paths("/webhooks/**", "/simulator/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    /** Checked after Spring's own (signature, issuer, audience, exp and nbf when present) on every bearer token. */
    @Bean
    OAuth2TokenValidator<Jwt> tokenLifetime(IdentityProperties properties) {
        return new TokenLifetime(properties.maxTokenLifetime(), Clock.systemUTC());
    }

    @Bean
    @Order(2)
    SecurityFilterChain restApis(
            HttpSecurity http,
            IdentityService identity,
            IdentityProperties properties,
            LoginThrottle throttle,
            ObjectProvider<JwtDecoder> tokens,
            ObjectMapper json,
            ProcessEngine engine)
            throws Exception {
        boolean bearer = tokens.getIfAvailable() != null;
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                refuse(
                        request,
                        response,
                        json,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "AuthenticationException",
                        throttled.detail());
                return;
            }
            // A script's request (Cockpit's plugin once its session ended) must not open the browser's login dialog.
            if (properties.basicEnabled() && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"account-opening\"");
            }
            if (e instanceof OAuth2AuthenticationException) {
                // Why a token failed helps whoever forges one: the client learns "invalid token", the log the reason.
                log.warn(
                        "Refused a bearer token on {} {}: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        e.getMessage());
                response.addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                refuse(request, response, json, HttpStatus.UNAUTHORIZED, "AuthenticationException", "invalid token");
                return;
            }
            if (bearer) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
            refuse(
                    request,
                    response,
                    json,
                    HttpStatus.UNAUTHORIZED,
                    "AuthenticationException",
                    bearer
                            ? (properties.basicEnabled() ? "HTTP Basic credentials of a Camunda user or " : "")
                                    + "a valid bearer token of the configured issuer is required"
                                    + reason(e.getMessage())
                            : "HTTP Basic credentials of a Camunda user are required");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> refuse(
                request,
                response,
                json,
                HttpStatus.FORBIDDEN,
                "AuthorizationException",
                "user '" + request.getRemoteUser() + "' may not " + request.getMethod() + " " + request.getRequestURI()
                        + ": that needs one of the groups " + PathRule.groupsFor(request));
        http.securityMatcher(paths(Stream.concat(
                                Stream.of(ENGINE_REST, "/api/**", "/company/**", "/actuator/**"), API_DOCS.stream())
                        .toArray(String[]::new)))
                .csrf(csrf -> csrf.disable()) // stateless credentials on every request, no cookie to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(paths("/actuator/health", "/actuator/health/**"))
                            .permitAll();
                    for (PathRule rule : PATH_RULES) {
                        auth.requestMatchers(paths(rule.paths().toArray(String[]::new)))
                                .hasAnyAuthority(authorities(rule.groups().toArray(String[]::new)));
                    }
                    auth.anyRequest().denyAll();
                });
        // Cockpit's account record tab reads with the user's webapp session, after any Basic or token.
        http.addFilterBefore(
                new WebappSessionReads(engine.getName(), paths("/api/**")), AnonymousAuthenticationFilter.class);
        if (properties.basicEnabled()) {
            http.authenticationProvider(new CamundaUserAuthenticationProvider(identity, throttle))
                    .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized));
        }
        if (bearer) {
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenUsers(properties, identity))));
        }
        return http.build();
    }

    /**
     * The Admin webapp's first-run setup makes whoever calls it an administrator while {@code camunda-admin}
     * has no direct member (CVE-2026-77226), which is the case once administrators sign in by single
     * sign-on and the bootstrap user is gone. The first administrator comes from
     * {@code camunda.bpm.admin-user} instead, so the setup is refused whatever the group holds.
     */
    @Bean
    @Order(3)
    SecurityFilterChain noFirstRunSetup(
            HttpSecurity http,
            ObjectMapper json,
            @org.springframework.beans.factory.annotation.Value("${camunda.bpm.webapp.application-path:/camunda}")
                    String webapps)
            throws Exception {
        AccessDeniedHandler refused = (request, response, e) -> camundaError(
                response,
                json,
                HttpStatus.FORBIDDEN,
                "AuthorizationException",
                "the first-run setup is off: the first administrator comes from the configuration "
                        + "(camunda.bpm.admin-user), and administrators are managed in the Admin webapp");
        return http.securityMatcher(paths(webapps + "/api/admin/setup/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                                (request, response, ex) -> refused.handle(request, response, null))
                        .accessDeniedHandler(refused))
                .authorizeHttpRequests(auth -> auth.anyRequest().denyAll())
                .build();
    }

    /**
     * Cockpit, Tasklist and Admin through the identity provider's login page, when a client
     * registration is configured; Camunda's logout ends the session here too. A session lasts no
     * longer than its ID token, and the identity provider sends the browser back to the public URL
     * only, never to the host a request named.
     */
    @Bean
    @Order(4)
    SecurityFilterChain webappSingleSignOn(
            HttpSecurity http,
            ObjectProvider<ClientRegistrationRepository> clients,
            IdentityProperties properties,
            IdentityService identity,
            AccountOpeningProperties application,
            ObjectMapper json,
            @org.springframework.beans.factory.annotation.Value("${camunda.bpm.webapp.application-path:/camunda}")
                    String webapps)
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
        String publicUrl = application.publicUrl().replaceAll("/+$", "");
        ClientRegistrationRepository publicRegistrations = atPublicUrl(registrations, publicUrl);
        RequestMatcher logouts = SingleSignOnLogout.matcher(webapps);
        AuthenticationFailureHandler loginFailed = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return http.securityMatcher(paths("/**"))
                // The webapps' own CSRF filter protects their API, but logging out happens here, before it.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(logouts)
                        .csrfTokenRepository(new CamundaCsrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), denied.getMessage());
                    refuse(
                            request,
                            response,
                            json,
                            HttpStatus.FORBIDDEN,
                            "AuthorizationException",
                            "logging out needs the webapps' CSRF token in the X-XSRF-TOKEN header");
                }))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(auth -> auth.requestMatchers(paths(webapps + "/app/**", webapps + "/api/**"))
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .addFilterBefore(new IdTokenExpiry(), AnonymousAuthenticationFilter.class)
                .oauth2Login(login -> login.clientRegistrationRepository(publicRegistrations)
                        .failureHandler((request, response, e) -> {
                            log.warn("Refused a webapp login: {}", e.getMessage());
                            loginFailed.onAuthenticationFailure(request, response, e);
                        })
                        .userInfoEndpoint(user -> user.oidcUserService(new OidcLoginUsers(properties, identity))))
                .logout(logout -> logout.logoutRequestMatcher(logouts)
                        .logoutSuccessHandler(new SingleSignOnLogout(publicRegistrations, publicUrl, webapps)))
                .build();
    }

    /**
     * The registrations with {@code {baseUrl}} in their redirect URI replaced by the public URL: Spring
     * builds it from the request, whose Host header the client chooses.
     */
    private static ClientRegistrationRepository atPublicUrl(
            ClientRegistrationRepository registrations, String publicUrl) {
        if (!(registrations instanceof Iterable<?> all)) {
            throw new IllegalStateException("single sign-on needs the client registrations listed, not "
                    + registrations.getClass().getName());
        }
        List<ClientRegistration> rewritten = new ArrayList<>();
        for (Object registration : all) {
            ClientRegistration r = (ClientRegistration) registration;
            rewritten.add(ClientRegistration.withClientRegistration(r)
                    .redirectUri(r.getRedirectUri().replace("{baseUrl}", publicUrl))
                    .build());
        }
        return new InMemoryClientRegistrationRepository(rewritten);
    }

    /**
     * Paths as the client sent them: the engine's REST API and the webapps are servlets of their own,
     * which Spring MVC's matchers (the default for plain strings) do not see.
     */
    static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .toList());
    }

    private static void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            ObjectMapper json,
            HttpStatus status,
            String camundaType,
            String message)
            throws IOException {
        if (paths(ENGINE_REST).matches(request)) {
            // Camunda REST clients read Camunda's error body.
            camundaError(response, json, status, camundaType, message);
        } else {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, message));
        }
    }

    /** Camunda's own error body, {@code {"type", "message"}}, as its REST API and the webapps' API answer. */
    static void camundaError(
            HttpServletResponse response, ObjectMapper json, HttpStatus status, String type, String message)
            throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    private static String reason(@Nullable String message) {
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }
}
