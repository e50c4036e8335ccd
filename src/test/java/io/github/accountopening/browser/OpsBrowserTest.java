package io.github.accountopening.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.simulator.NexusBankSimulator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ops in the real webapps, in a real browser: Cockpit for instances and incidents, Tasklist for the escalation form. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "simulator.webhook-delay=PT0.3S",
        "account-opening.polling.interval=PT5S",
        "account-opening.polling.give-up-after=PT10S",
        "account-opening.retry-cycle=R2/PT1S",
        "camunda.bpm.job-execution.wait-time-in-millis=100",
        "camunda.bpm.job-execution.max-wait=500",
        "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"})
class OpsBrowserTest extends WebappBrowserTest {

    static final String CONCURRENT_UPDATE = "updated by another transaction concurrently";
    /** Tasklist's own notice of a failed completion (its locale en, COMPLETE_ERROR). */
    static final String SUBMIT_FAILED = "An error happened while submitting the task form";

    @Autowired NexusBankSimulator nexusBank;

    @Test
    void cockpitShowsAWaitingOpeningAndRetriesAnIncidentOnceTheProviderIsBack() {
        String waiting = start("Waiting B.V. [stuck]");
        String processInstanceId = api.record(waiting).json().get("processInstanceId").asText();
        await().until(() -> api.get("/engine-rest/execution?processInstanceId=" + processInstanceId
                + "&messageEventSubscriptionName=AccountOpeningStatusReceived", "demo", "demo").json().size() == 1);

        browser.login(baseUrl, "cockpit", "demo", "demo");
        browser.screenshot("01-cockpit-dashboard");
        // the deep link a Jira ticket carries opens the very instance
        browser.open(baseUrl + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        browser.find(By.cssSelector("[data-element-id='Task_AwaitStatus']"));
        browser.waitForText(By.cssSelector("body"), waiting);
        browser.screenshot("02-cockpit-instance-waiting-for-status");

        String down = start("Outage B.V. [provider-down]");
        String failingInstance = api.record(down).json().get("processInstanceId").asText();
        JsonNode incident = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/engine-rest/incident?processInstanceId="
                + failingInstance, "demo", "demo").json(), i -> i.size() == 1).get(0);
        browser.open(baseUrl + "/camunda/app/cockpit/default/#/process-instance/" + failingInstance + "/runtime");
        browser.find(By.cssSelector("[data-element-id='Task_RequestProviderAccount']"));
        browser.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[contains(., 'Incidents')]"));
        browser.waitForText(By.cssSelector("body"), "NexusBank answered HTTP 503");
        browser.screenshot("03-cockpit-incident");

        nexusBank.setOutage(false);
        try {
            browser.click(By.cssSelector("a[ng-click^='openJobRetryDialog']"));
            browser.click(By.xpath("//div[contains(@class,'modal')]//button[contains(., 'Retry')]"));
            browser.screenshot("04-cockpit-incident-retried");
            JsonNode opened = await().atMost(Duration.ofSeconds(30)).until(() -> api.record(down).json(), r -> !r.get("cardId").isNull());
            assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(api.get("/engine-rest/incident?processInstanceId=" + failingInstance, "demo", "demo").json()).isEmpty();
            assertThat(incident.get("activityId").asText()).isEqualTo("Task_RequestProviderAccount");
        } finally {
            nexusBank.setOutage(true);
        }
    }

    @Test
    void opsResolvesAStuckOpeningInTasklistWithTheForm() {
        String requestId = start("Stuck Forever B.V. [stuck]");
        JsonNode escalated = await().atMost(Duration.ofSeconds(40)).until(() -> api.record(requestId).json(), r -> !r.get("ticketKey").isNull());
        String processInstanceId = escalated.get("processInstanceId").asText();
        String taskId = await().until(() -> api.get("/engine-rest/task?processInstanceId=" + processInstanceId, "demo", "demo").json(),
                t -> t.size() == 1).get(0).get("id").asText();

        browser.login(baseUrl, "tasklist", "demo", "demo");
        browser.open(baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId);
        browser.find(By.cssSelector(".fjs-form"));
        browser.waitForText(By.cssSelector(".fjs-form"), "Stuck account opening");
        assertThat(browser.find(By.cssSelector("input[id$='Field_RequestId'], input[name='requestId']")).getAttribute("value")).isEqualTo(requestId);
        assertThat(browser.find(By.cssSelector(".fjs-form")).getText()).contains("Jira ticket");
        browser.screenshot("05-tasklist-ops-form");

        browser.click(By.cssSelector("button.claim"));
        browser.find(By.cssSelector("button.unclaim, [ng-click='unclaim()']"));
        browser.find(By.cssSelector(".fjs-form-field-select .fjs-select-display"));
        browser.click(By.cssSelector(".fjs-form-field-select .fjs-select-display"));
        browser.pick(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(., 'MANUAL')]"));
        browser.waitForText(By.cssSelector(".fjs-form-field-select .fjs-select-display"), "MANUAL");
        browser.type(By.xpath("//label[contains(., 'IBAN')]/following::input[1]"), "NL91ABNA0417164300");
        browser.type(By.xpath("//label[contains(., 'BIC')]/following::input[1]"), "ABNANL2A");
        browser.screenshot("06-tasklist-manual-resolution");
        By complete = By.xpath("//button[contains(., 'Complete')]");
        browser.click(complete);
        // A completion that meets the opening's polling timer loses to it (the engine's optimistic locking),
        // changes nothing, and Tasklist says so; ops then complete again, as here.
        int[] conflictsSeen = {0};
        JsonNode opened = await().atMost(Duration.ofSeconds(40)).until(() -> {
            String page = browser.textOf(By.cssSelector("body"));
            int conflicts = Math.max(occurrences(page, CONCURRENT_UPDATE), occurrences(page, SUBMIT_FAILED));
            if (conflicts > conflictsSeen[0]) {
                conflictsSeen[0] = conflicts;
                assertThat(api.record(requestId).json().get("status").asText()).isEqualTo("IN_PROGRESS");
                browser.click(complete);
            }
            return api.record(requestId).json();
        }, r -> !r.get("cardId").isNull());
        assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(opened.get("iban").asText()).isEqualTo("NL91ABNA0417164300");
        browser.screenshot("07-tasklist-task-done");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private String start(String legalName) {
        String requestId = newRequestId();
        assertThat(api.start(requestId, "C-browser", "NL", "COMPANY", legalName).status()).isEqualTo(200);
        return requestId;
    }
}
