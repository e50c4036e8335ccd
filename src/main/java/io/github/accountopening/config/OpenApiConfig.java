package io.github.accountopening.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs and /swagger-ui.html. Starting an opening is Camunda's REST API. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI accountOpeningApi() {
        return new OpenAPI()
                .info(new Info().title("account-opening").version("1").description("""
                                The account records and their audit trail, NexusBank's webhook endpoint (Standard Webhooks \
                                signatures) and the sandbox. Openings are started over Camunda's REST API: \
                                POST /engine-rest/process-definition/key/account-opening/start. Every error is \
                                application/problem+json whose detail says what was wrong."""))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A Camunda user (demo / demo outside prod)")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
