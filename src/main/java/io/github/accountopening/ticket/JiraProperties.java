package io.github.accountopening.ticket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jira.*}: where escalation tickets are opened and how we sign in. Jira Cloud takes the account's
 * e-mail ({@code user}) with an API token; Data Center a personal access token as a bearer token, or
 * Basic with user and password ({@code api-token}) where no token is set.
 *
 * @param searchSettleTime how long Jira Cloud's search may lag behind a create: a retry that finds no
 *                         ticket sooner than this after an attempt whose outcome is unknown waits
 *                         instead of opening a second one
 */
@ConfigurationProperties("jira")
public record JiraProperties(
        String baseUrl,
        JiraDeployment deployment,
        String user,
        String apiToken,
        String personalAccessToken,
        String projectKey,
        String issueType,
        Duration connectTimeout,
        Duration readTimeout,
        Duration searchSettleTime) {

    public boolean hasPersonalAccessToken() {
        return personalAccessToken != null && !personalAccessToken.isBlank();
    }
}
