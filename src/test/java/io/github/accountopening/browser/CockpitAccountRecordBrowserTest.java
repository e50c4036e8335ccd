package io.github.accountopening.browser;

import static io.github.accountopening.identity.Roles.OPS;
import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Ops reads the account record and its audit trail in Cockpit, logged in as themselves: in the
 * running instance's "Account record" tab, and on the dashboard for an opening that has ended.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0.3S",
            "account-opening.polling.interval=PT5S",
            "account-opening.polling.give-up-after=PT10S",
            "camunda.bpm.job-execution.wait-time-in-millis=100",
            "camunda.bpm.job-execution.max-wait=500",
            "spring.datasource.url=jdbc:h2:mem:cockpit-record;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
class CockpitAccountRecordBrowserTest extends WebappBrowserTest {

    private static final String ADMIN = Api.basic("demo", "demo");
    private static final String OPS_USER = "opsolivia";
    private static final String OPS_PASSWORD = "opsolivia-password";
    /** A reason is the provider's text: it must reach the page as text, never as markup. */
    private static final String HOSTILE_REASON = "<img src=x onerror=\"window.injected=true\"> KYC documents expired";

    @BeforeEach
    void anOpsUser() {
        if (api.call("GET", "/engine-rest/user/" + OPS_USER + "/profile", null, null, ADMIN)
                        .status()
                == 200) {
            return;
        }
        Api.Reply created = api.call(
                "POST",
                "/engine-rest/user/create",
                "application/json",
                Api.write(Map.of(
                        "profile", Map.of("id", OPS_USER, "firstName", "Olivia", "lastName", "Ops"),
                        "credentials", Map.of("password", OPS_PASSWORD))),
                ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        assertThat(api.call("PUT", "/engine-rest/group/" + OPS + "/members/" + OPS_USER, null, null, ADMIN)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void opsReadsTheRecordAndTrailOfARunningOpeningInItsTab() {
        String requestId = start("Escalated B.V. [stuck]");
        JsonNode escalated = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.record(requestId).json(),
                        r -> !r.get("ticketKey").isNull());
        String processInstanceId = escalated.get("processInstanceId").asText();
        JsonNode events = api.events(requestId).json();

        browser.login(baseUrl, "cockpit", OPS_USER, OPS_PASSWORD);
        browser.open(baseUrl + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        browser.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[contains(., 'Account record')]"));
        browser.waitForText(recordField("requestId"), requestId);

        assertThat(browser.textOf(recordField("status"))).isEqualTo("IN_PROGRESS");
        assertThat(browser.textOf(recordField("ticketKey")))
                .isEqualTo(escalated.get("ticketKey").asText());
        assertThat(browser.driver.findElements(By.cssSelector("td[data-field='ticketKey'] a")))
                .as("the ticket key is text")
                .isEmpty();
        WebElement instance = browser.find(By.cssSelector("td[data-field='processInstanceId'] a"));
        assertThat(instance.getText()).isEqualTo(processInstanceId);
        assertThat(instance.getAttribute("href"))
                .endsWith("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        assertThat(trailSources()).startsWith(sources(events).toArray(String[]::new));
        showTrail();
        browser.screenshot("08-cockpit-account-record-tab");
    }

    @Test
    void opsLooksUpAnEndedOpeningOnTheDashboard() {
        String requestId = start("Rejected B.V. [stuck]");
        String processInstanceId =
                api.record(requestId).json().get("processInstanceId").asText();
        String rejection =
                Api.write(Map.of("accountOpeningRequestId", requestId, "status", "REJECTED", "reason", HOSTILE_REASON));
        assertThat(api.sandbox(rejection).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/engine-rest/process-instance/" + processInstanceId, "demo", "demo")
                                .status()
                        == 404);
        JsonNode events = api.events(requestId).json();

        browser.login(baseUrl, "cockpit", OPS_USER, OPS_PASSWORD);
        browser.open(baseUrl + "/camunda/app/cockpit/default/#/dashboard");
        browser.type(By.cssSelector(".account-record-lookup input[name='requestId']"), requestId);
        browser.click(By.cssSelector(".account-record-lookup button[type='submit']"));
        browser.waitForText(recordField("requestId"), requestId);

        assertThat(browser.textOf(recordField("status"))).isEqualTo("REJECTED");
        assertThat(browser.textOf(recordField("rejectionReason"))).isEqualTo(HOSTILE_REASON);
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.injected === true"))
                .isEqualTo(false);
        assertThat(browser.textOf(recordField("processInstanceId"))).isEqualTo(processInstanceId + " (ended)");
        assertThat(trailSources()).isEqualTo(sources(events)).contains("SANDBOX APPLIED");
        showTrail();
        browser.screenshot("09-cockpit-dashboard-lookup");

        browser.type(By.cssSelector(".account-record-lookup input[name='requestId']"), "req-no-such-opening");
        browser.click(By.cssSelector(".account-record-lookup button[type='submit']"));
        browser.waitForText(
                By.cssSelector(".account-record-message"), "No account opening with request id req-no-such-opening");
        browser.type(By.cssSelector(".account-record-lookup input[name='requestId']"), "req 42/../x");
        browser.click(By.cssSelector(".account-record-lookup button[type='submit']"));
        browser.waitForText(
                By.cssSelector(".account-record-message"),
                "A request id is 1-64 letters, digits, dots, underscores or hyphens");
    }

    private void showTrail() {
        ((JavascriptExecutor) browser.driver)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'end'});",
                        browser.find(By.cssSelector(".account-record-plugin")));
    }

    private static By recordField(String field) {
        return By.cssSelector("table.account-record td[data-field='" + field + "']");
    }

    /** Source and outcome of each event in the plugin's trail, in order. */
    private List<String> trailSources() {
        return browser
                .driver
                .findElements(By.cssSelector("table.account-record-trail tr.account-record-event"))
                .stream()
                .map(row -> row.findElement(By.cssSelector("td[data-field='source']"))
                                .getText() + " "
                        + row.findElement(By.cssSelector("td[data-field='outcome']"))
                                .getText())
                .toList();
    }

    private static List<String> sources(JsonNode events) {
        return java.util.stream.StreamSupport.stream(events.spliterator(), false)
                .map(e -> e.path("source").asText() + " " + e.path("outcome").asText())
                .toList();
    }

    private String start(String legalName) {
        String requestId = newRequestId();
        assertThat(api.start(requestId, "C-cockpit", "NL", "COMPANY", legalName).status())
                .isEqualTo(200);
        return requestId;
    }
}
