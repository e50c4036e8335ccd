package io.github.accountopening.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.FeignException;
import feign.RequestInterceptor;
import feign.auth.BasicAuthRequestInterceptor;
import io.github.accountopening.config.FeignClients;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Jira as configured: the kind named by {@code jira.deployment}, or, with {@code auto}, the kind Jira
 * reports the first time it is needed (then kept). Jira Cloud signs in with Basic e-mail and API token;
 * Data Center with the personal access token as a bearer token, or Basic where none is set. No
 * HTTP-level retry: the job executor retries, and the ticket logic makes sure a retry creates nothing twice.
 */
@Component
class JiraClient {

    private static final Logger log = LoggerFactory.getLogger(JiraClient.class);

    private final JiraProperties properties;
    private final ObjectMapper json;
    private volatile @Nullable JiraKind kind;

    JiraClient(JiraProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json.copy()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private Feign.Builder feign() {
        return FeignClients.json(json, properties.connectTimeout(), properties.readTimeout());
    }

    JiraKind kind() {
        JiraKind known = kind;
        if (known == null) {
            synchronized (this) {
                known = kind;
                if (known == null) {
                    known = connect(
                            properties.deployment() == JiraDeployment.AUTO ? detect() : properties.deployment());
                    kind = known;
                }
            }
        }
        return known;
    }

    private JiraKind connect(JiraDeployment deployment) {
        JiraApi api = feign().requestInterceptor(credentials(deployment)).target(JiraApi.class, properties.baseUrl());
        return deployment == JiraDeployment.CLOUD ? new JiraKind.Cloud(api) : new JiraKind.DataCenter(api);
    }

    private RequestInterceptor credentials(JiraDeployment deployment) {
        if (deployment == JiraDeployment.DATA_CENTER && properties.hasPersonalAccessToken()) {
            return t -> t.header("Authorization", "Bearer " + properties.personalAccessToken());
        }
        return new BasicAuthRequestInterceptor(properties.user(), properties.apiToken());
    }

    /** serverInfo answers anonymously on both kinds, so no credentials of either kind are sent to the other. */
    private JiraDeployment detect() {
        JiraApi.ServerInfo info;
        try {
            info = feign().target(JiraApi.class, properties.baseUrl()).serverInfo();
        } catch (FeignException e) {
            throw new IllegalStateException(
                    "Jira at " + properties.baseUrl() + " did not say which kind it is (" + e.getMessage()
                            + "): set jira.deployment to cloud or data-center",
                    e);
        }
        String type = info == null ? null : info.deploymentType();
        JiraDeployment deployment;
        if ("Cloud".equalsIgnoreCase(type)) {
            deployment = JiraDeployment.CLOUD;
        } else if ("Server".equalsIgnoreCase(type) || "DataCenter".equalsIgnoreCase(type)) {
            deployment = JiraDeployment.DATA_CENTER;
        } else {
            throw new IllegalStateException("Jira at " + properties.baseUrl() + " reports deploymentType " + type
                    + ": set jira.deployment to cloud or data-center");
        }
        log.info(
                "Jira at {} is {} ({} {}): REST API {}",
                properties.baseUrl(),
                deployment,
                type,
                info.version(),
                deployment == JiraDeployment.CLOUD ? "v3" : "v2");
        return deployment;
    }
}
