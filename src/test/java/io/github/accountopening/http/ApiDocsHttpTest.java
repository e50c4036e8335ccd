package io.github.accountopening.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The OpenAPI description of our own endpoints, behind the same credentials as the API. */
@HttpTest
class ApiDocsHttpTest {

    @Autowired
    Api api;

    @Test
    void describesTheRecordApiTheWebhookAndTheSandboxWithTheirProblemAnswers() {
        assertThat(api.get("/v3/api-docs", null, null).status()).isEqualTo(401);

        JsonNode docs = api.get("/v3/api-docs", "demo", "demo").json();

        JsonNode paths = docs.get("paths");
        assertThat(paths.has("/api/account-openings/{requestId}")).isTrue();
        assertThat(paths.has("/api/account-openings/{requestId}/events")).isTrue();
        assertThat(paths.has("/company/account-opening/set-status-sandbox")).isTrue();
        JsonNode webhook = paths.at("/~1webhooks~1nexusbank~1account-opening/post");
        assertThat(webhook.at("/responses/401/content").has("application/problem+json"))
                .isTrue();
        assertThat(webhook.at("/responses/413/content").has("application/problem+json"))
                .isTrue();
        assertThat(webhook.get("security"))
                .as("a webhook proves itself by signature, not Basic auth")
                .isEmpty();
        assertThat(webhook.get("parameters").findValuesAsText("name"))
                .contains("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(paths.toString()).doesNotContain("/simulator/", "/engine-rest/");
        assertThat(api.get("/swagger-ui/index.html", "demo", "demo").status()).isEqualTo(200);
    }

    @Test
    void everythingSpringdocServesNeedsCredentials() {
        for (String path : new String[] {
            "/v3/api-docs",
            "/v3/api-docs.yaml",
            "/v3/api-docs/swagger-config",
            "/swagger-ui.html",
            "/swagger-ui/index.html"
        }) {
            Api.Reply anonymous = api.get(path, null, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).doesNotContain("/webhooks/nexusbank/account-opening");
        }
        assertThat(api.get("/v3/api-docs.yaml", "demo", "demo").body())
                .contains("/webhooks/nexusbank/account-opening:");
    }
}
