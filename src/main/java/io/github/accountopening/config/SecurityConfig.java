package io.github.accountopening.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic with Camunda users on the engine's REST API, our API, the sandbox and the actuator
 * (health aside). Webhooks prove themselves by signature; the webapps have their own login.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

    /**
     * Webhooks and the simulators carry their own credentials (a signature, NexusBank's bearer key,
     * Jira's Basic auth), which are none of Camunda's users: no HTTP Basic check here at all.
     */
    @Bean
    @Order(1)
    SecurityFilterChain selfAuthenticatingEndpoints(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/webhooks/**", "/simulator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationProvider camundaUsers,
                                            ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"account-opening\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "HTTP Basic credentials of a Camunda user are required");
            json.writeValue(response.getOutputStream(), problem);
        };
        return http
                .authenticationProvider(camundaUsers)
                .csrf(csrf -> csrf.disable()) // stateless Basic auth; the webapps carry their own CSRF filter
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/engine-rest/**", "/api/**", "/company/**", "/actuator/**",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .anyRequest().permitAll())
                .build();
    }
}
