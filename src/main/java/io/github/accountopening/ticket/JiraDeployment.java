package io.github.accountopening.ticket;

/** {@code jira.deployment}: which kind of Jira answers at {@code jira.base-url}. */
public enum JiraDeployment {
    /** Ask Jira once ({@code GET /rest/api/2/serverInfo}, field {@code deploymentType}). */
    AUTO,
    /** Atlassian's cloud: REST API v3, Atlassian Document Format, search at {@code /search/jql}. */
    CLOUD,
    /** Self-managed Server or Data Center: REST API v2, plain text, search at {@code /search}. */
    DATA_CENTER
}
