package io.github.accountopening.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code jira.*}: where escalation tickets are opened. */
@ConfigurationProperties("jira")
public record JiraProperties(String baseUrl, String user, String apiToken, String projectKey, String issueType) {
}
