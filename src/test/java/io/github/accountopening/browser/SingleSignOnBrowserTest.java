package io.github.accountopening.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.OidcServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on into the webapps through a real OpenID Connect server's login page, with HTTP Basic
 * switched off: ops sees the ops task in Tasklist and gets into Cockpit, logging out ends the
 * session, and a user in no group gets no webapp.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0.3S",
            "account-opening.polling.interval=PT5S",
            "account-opening.polling.give-up-after=PT5S",
            "camunda.bpm.job-execution.wait-time-in-millis=100",
            "camunda.bpm.job-execution.max-wait=500",
            "account-opening.security.basic-enabled=false",
            "spring.security.oauth2.client.registration.bank.client-id=account-opening-webapps",
            "spring.security.oauth2.client.registration.bank.client-secret=webapps-secret",
            "spring.security.oauth2.client.registration.bank.scope=openid,profile",
            "spring.datasource.url=jdbc:h2:mem:single-sign-on;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
class SingleSignOnBrowserTest extends WebappBrowserTest {

    @DynamicPropertySource
    static void theBanksIdentityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OidcServer::issuer);
        registry.add("spring.security.oauth2.client.provider.bank.issuer-uri", OidcServer::issuer);
    }

    private static final String ONBOARDING = OidcServer.bearer("sso-onboarding", List.of("onboarding"));
    private static final String ADMIN = OidcServer.bearer("sso-admin", List.of("camunda-admin"));

    @Test
    void opsLogsInThroughTheIdentityProviderWorksTheOpsTaskAndLogsOut() {
        String requestId = Api.newRequestId();
        Api.Reply started = api.call(
                "POST",
                "/engine-rest/process-definition/key/account-opening/start",
                "application/json",
                Api.write(Map.of(
                        "businessKey",
                        requestId,
                        "variables",
                        Map.of(
                                "customerId", Map.of("value", "C-9100", "type", "String"),
                                "market", Map.of("value", "NL", "type", "String"),
                                "customerType", Map.of("value", "COMPANY", "type", "String"),
                                "legalName", Map.of("value", "Single Sign-On B.V. [stuck]", "type", "String")))),
                ONBOARDING);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().path("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.call(
                                        "GET",
                                        "/engine-rest/task?processInstanceId=" + instance + "&candidateGroup=ops",
                                        null,
                                        null,
                                        ADMIN)
                                .json()
                                .size()
                        == 1);

        browser.open(baseUrl + "/camunda/app/tasklist/default/");
        logInAtTheIdentityProvider("sso-ops", "[\"ops\"]");
        browser.waitForText(By.cssSelector("body"), "Stuck opening " + requestId);
        browser.screenshot("sso-01-tasklist-ops");

        browser.open(baseUrl + "/camunda/app/cockpit/default/#/processes");
        browser.waitForText(By.cssSelector("body"), "Account opening");
        browser.screenshot("sso-02-cockpit-ops");
        assertThat(readInSession("/api/account-openings/" + requestId))
                .as("the record, read with the single sign-on session")
                .startsWith("200 ")
                .contains("\"requestId\":\"" + requestId + "\"");

        browser.open(baseUrl + "/logout");
        browser.click(
                By.cssSelector("form.logout-form button[type='submit']")); // logging out is a POST with the CSRF token
        browser.find(By.name("username"));
        browser.screenshot("sso-03-logged-out");
        browser.open(baseUrl + "/camunda/app/tasklist/default/");
        assertThat(browser.find(By.name("username")).isDisplayed())
                .as("the identity provider asks again")
                .isTrue();
    }

    @Test
    void aUserInNoGroupGetsNoWebapp() {
        browser.open(baseUrl + "/camunda/app/cockpit/default/");
        logInAtTheIdentityProvider("sso-nobody", "[]");

        JsonNode session = sessionUser();
        assertThat(session.path("userId").asText()).isEqualTo("sso-nobody");
        assertThat(session.path("authorizedApps")).extracting(JsonNode::asText).containsExactly("welcome");
        browser.screenshot("sso-04-no-group");
    }

    @Test
    void basicIsOffAndTokensStillWork() {
        Api.Reply basic = api.get("/engine-rest/process-definition", "demo", "demo");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.headers().get("WWW-Authenticate")).containsExactly("Bearer");
        assertThat(api.call("GET", "/engine-rest/process-definition", null, null, ADMIN)
                        .status())
                .isEqualTo(200);
    }

    private void logInAtTheIdentityProvider(String user, String groups) {
        browser.type(By.name("username"), user);
        browser.type(By.name("claims"), "{\"preferred_username\": \"" + user + "\", \"groups\": " + groups + "}");
        browser.click(By.cssSelector("input[type='submit']"));
    }

    /** A GET in the browser's session: the answer's status and body. */
    private String readInSession(String path) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text().then(body => done(r.status + ' ' + body)), e => done(String(e)));",
                        path));
    }

    /** What the webapps' own session API says of the logged-in user, read in the browser's session. */
    private JsonNode sessionUser() {
        Object json = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                                .executeAsyncScript(
                                        "const done = arguments[arguments.length - 1];"
                                                + "fetch('/camunda/api/admin/auth/user/default').then(r => r.ok ? r.text() : null).then(done, () => done(null));"),
                        body -> body != null);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
