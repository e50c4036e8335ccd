package io.github.accountopening.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A path Spring Security's firewall refuses (double slashes, path parameters, encoded slashes, ...) is the
 * caller's mistake: 400 saying so, one WARN line. It is checked before Spring Security's filters, because
 * their path parsing for the engine's REST servlet throws on such paths before the firewall sees them
 * (a 500 with an ERROR and a stack trace).
 */
@Configuration
@ConditionalOnWebApplication
class MalformedPaths {

    private static final Logger log = LoggerFactory.getLogger(MalformedPaths.class);
    private static final int SHOWN = 200;

    /** Also Spring Security's own firewall and answer, so both say the same. */
    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, e) -> {
            String path = request.getRequestURI();
            String shown = path.length() <= SHOWN ? path : path.substring(0, SHOWN) + "...";
            log.warn("Request path {} {} refused with 400: {}", request.getMethod(), shown, e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(
                    response.getOutputStream(),
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST, "the request path '" + shown + "' was refused: " + e.getMessage()));
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> malformedPathFilter(
            HttpFirewall firewall, RequestRejectedHandler rejected) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    firewall.getFirewalledRequest(request);
                } catch (RequestRejectedException e) {
                    rejected.handle(request, response, e);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("Malformed path refusal");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** Tomcat would refuse an encoded slash itself, with an HTML page; let the firewall answer it in our shape. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
