package io.github.accountopening.browser;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Ops in the real webapps, in a real browser: Cockpit for instances and incidents, Tasklist for the escalation form. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0.3S",
            "account-opening.polling.interval=PT5S",
            "account-opening.polling.give-up-after=PT10S",
            "account-opening.retry-cycle=R2/PT1S",
            "camunda.bpm.job-execution.wait-time-in-millis=100",
            "camunda.bpm.job-execution.max-wait=500",
            "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
class OpsBrowserTest extends WebappBrowserTest {

    static final String CONCURRENT_UPDATE = "updated by another transaction concurrently";
    /** Tasklist's own notice of a failed completion (its locale en, COMPLETE_ERROR). */
    static final String SUBMIT_FAILED = "An error happened while submitting the task form";

    @Autowired
    NexusBankSimulator nexusBank;

    @Test
    void cockpitShowsAWaitingOpeningAndRetriesAnIncidentOnceTheProviderIsBack() {
        String waiting = start("Waiting B.V. [stuck]");
        String processInstanceId =
                api.record(waiting).json().get("processInstanceId").asText();
        await().until(() -> api.get(
                                "/engine-rest/execution?processInstanceId=" + processInstanceId
                                        + "&messageEventSubscriptionName=AccountOpeningStatusReceived",
                                "demo",
                                "demo")
                        .json()
                        .size()
                == 1);

        browser.login(baseUrl, "cockpit", "demo", "demo");
        browser.screenshot("01-cockpit-dashboard");
        // the deep link a Jira ticket carries opens the very instance
        browser.open(baseUrl + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        browser.find(By.cssSelector("[data-element-id='Task_AwaitStatus']"));
        browser.waitForText(By.cssSelector("body"), waiting);
        browser.screenshot("02-cockpit-instance-waiting-for-status");

        String down = start("Outage B.V. [provider-down]");
        String failingInstance =
                api.record(down).json().get("processInstanceId").asText();
        JsonNode incident = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/engine-rest/incident?processInstanceId=" + failingInstance, "demo", "demo")
                                .json(),
                        i -> i.size() == 1)
                .get(0);
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
            JsonNode opened = await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.record(down).json(), r -> !r.get("cardId").isNull());
            assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(api.get("/engine-rest/incident?processInstanceId=" + failingInstance, "demo", "demo")
                            .json())
                    .isEmpty();
            assertThat(incident.get("activityId").asText()).isEqualTo("Task_RequestProviderAccount");
        } finally {
            nexusBank.setOutage(true);
        }
    }

    @Test
    void opsPicksTheRightEscalationInTheSharedFilterAndResolvesItAtTheFirstTry() {
        String requestId = start("Stuck Forever B.V. [stuck]");
        List<String> others = List.of(start("Other Stuck B.V. [stuck]"), start("Third Stuck B.V. [stuck]"));
        JsonNode escalated = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.record(requestId).json(),
                        r -> !r.get("ticketKey").isNull());
        for (String other : others) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !api.record(other).json().get("ticketKey").isNull());
        }
        String processInstanceId = escalated.get("processInstanceId").asText();
        await().until(() -> api.get("/engine-rest/task?processInstanceId=" + processInstanceId, "demo", "demo")
                        .json()
                        .size()
                == 1);
        String opsUser = opsUser();

        browser.login(baseUrl, "tasklist", opsUser, opsUser + "-password");
        browser.click(
                By.xpath("//*[contains(@class,'task-filters')]//*[contains(text(),'Account openings to resolve')]"));
        String taskName = "Stuck opening " + requestId + " · NL · Stuck Forever B.V. [stuck]";
        browser.waitForText(By.cssSelector(".tasks-list"), taskName);
        assertThat(browser.textOf(By.cssSelector(".tasks-list")))
                .as("every escalation named after its opening")
                .contains("Stuck opening " + others.get(0) + " · NL · Other Stuck B.V. [stuck]")
                .contains("Stuck opening " + others.get(1) + " · NL · Third Stuck B.V. [stuck]")
                .contains(escalated.get("ticketKey").asText());
        browser.screenshot("05-tasklist-escalations-in-the-shared-filter");

        browser.click(By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., '" + taskName + "')]"));
        browser.find(By.cssSelector(".fjs-form"));
        browser.waitForText(By.cssSelector(".fjs-form"), "Stuck account opening");
        assertThat(browser.find(By.cssSelector("input[id$='Field_RequestId'], input[name='requestId']"))
                        .getAttribute("value"))
                .isEqualTo(requestId);
        assertThat(browser.find(By.xpath("//a[contains(., 'Open the process instance in Cockpit')]"))
                        .getAttribute("href"))
                .endsWith("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        assertThat(browser.find(By.xpath("//a[contains(., 'in Jira')]")).getAttribute("href"))
                .endsWith("/simulator/jira/browse/" + escalated.get("ticketKey").asText());

        browser.click(By.cssSelector("button.claim"));
        browser.find(By.cssSelector("button.unclaim, [ng-click='unclaim()']"));
        browser.find(By.cssSelector(".fjs-form-field-select .fjs-select-display"));
        browser.click(By.cssSelector(".fjs-form-field-select .fjs-select-display"));
        browser.pick(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(., 'MANUAL')]"));
        browser.waitForText(By.cssSelector(".fjs-form-field-select .fjs-select-display"), "MANUAL");
        // typed as it is printed on a statement, spaces and all
        browser.type(By.xpath("//label[contains(., 'IBAN')]/following::input[1]"), "NL91 ABNA 0417 1643 00");
        browser.type(By.xpath("//label[contains(., 'BIC')]/following::input[1]"), "abnanl2a");
        browser.screenshot("06-tasklist-manual-resolution");
        browser.click(By.xpath("//button[contains(., 'Complete')]"));

        JsonNode opened = await().atMost(Duration.ofSeconds(40))
                .until(() -> api.record(requestId).json(), r -> !r.get("cardId").isNull());
        assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(opened.get("iban").asText()).as("stored in one block").isEqualTo("NL91ABNA0417164300");
        assertThat(opened.get("bic").asText()).isEqualTo("ABNANL2A");
        assertThat(browser.textOf(By.cssSelector("body")))
                .as("completed at the first try")
                .doesNotContain(CONCURRENT_UPDATE)
                .doesNotContain(SUBMIT_FAILED);
        browser.screenshot("07-tasklist-task-done");
    }

    /** A user of group ops alone, as ops colleagues are. */
    private String opsUser() {
        String user = "browserops";
        if (api.get("/engine-rest/user/" + user + "/profile", "demo", "demo").status() != 200) {
            assertThat(api.post(
                                    "/engine-rest/user/create",
                                    Api.write(Map.of(
                                            "profile",
                                                    Map.of(
                                                            "id",
                                                            user,
                                                            "firstName",
                                                            "Olga",
                                                            "lastName",
                                                            "Ops",
                                                            "email",
                                                            user + "@bank.example"),
                                            "credentials", Map.of("password", user + "-password"))),
                                    "demo",
                                    "demo")
                            .status())
                    .isEqualTo(204);
            assertThat(api.put("/engine-rest/group/ops/members/" + user, "{}", "demo", "demo")
                            .status())
                    .isEqualTo(204);
        }
        return user;
    }

    private String start(String legalName) {
        String requestId = newRequestId();
        assertThat(api.start(requestId, "C-browser", "NL", "COMPANY", legalName).status())
                .isEqualTo(200);
        return requestId;
    }
}
