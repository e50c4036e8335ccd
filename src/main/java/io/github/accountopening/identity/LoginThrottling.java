package io.github.accountopening.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One throttle for every password login: HTTP Basic on the APIs and the webapps' login form. Camunda's
 * per-user delay and permanent lock are switched off in application.yaml (login-delay-max-time,
 * login-max-attempts), as they let a stranger lock any account.
 */
@Configuration
@ConditionalOnWebApplication
class LoginThrottling {

    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties properties, MeterRegistry meters) {
        return new LoginThrottle(properties, meters, Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<WebappLoginThrottleFilter> webappLoginThrottle(
            LoginThrottle throttle,
            ObjectMapper json,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
        FilterRegistrationBean<WebappLoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new WebappLoginThrottleFilter(throttle, json));
        registration.setName("Camunda webapp login throttle");
        registration.addUrlPatterns(webapps + "/api/admin/auth/user/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
