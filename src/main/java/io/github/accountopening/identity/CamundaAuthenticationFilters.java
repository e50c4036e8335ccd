package io.github.accountopening.identity;

import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.ConditionalOnOAuth2ClientRegistrationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's side of each request, right after Spring Security's: the engine's REST API runs every
 * call as the authenticated user with that user's groups, so Camunda's authorizations apply; with
 * single sign-on, the webapps take their session from the identity provider's login.
 */
@Configuration
@ConditionalOnWebApplication
class CamundaAuthenticationFilters {

    private static final int AFTER_SPRING_SECURITY = SecurityProperties.DEFAULT_FILTER_ORDER + 1;

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(
            @Value("${camunda.bpm.jersey.application-path:engine-rest}") String restPath) {
        String prefix = "/" + restPath.replaceAll("^/|/$", "");
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("Camunda REST authentication");
        registration.setInitParameters(Map.of(
                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityAuthentication.class.getName(),
                ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX,
                prefix));
        registration.addUrlPatterns(prefix + "/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }

    @Bean
    @ConditionalOnOAuth2ClientRegistrationProperties
    FilterRegistrationBean<SingleSignOnWebappFilter> webappSingleSignOnAuthentication(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
        FilterRegistrationBean<SingleSignOnWebappFilter> registration =
                new FilterRegistrationBean<>(new SingleSignOnWebappFilter());
        registration.setName("Camunda webapp single sign-on");
        registration.addUrlPatterns(webapps + "/app/*", webapps + "/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }
}
