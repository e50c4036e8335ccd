package io.github.accountopening.identity;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.Api.Reply;
import io.github.accountopening.support.HttpTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What one role hands to the process must not let it act with another role's rights: onboarding's start
 * variables never become ops's resolution, an analyst's decision table never reads customer data, and an
 * analyst's form never replaces the one ops works with. Each case plays the attacker over real HTTP.
 */
@HttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleBoundariesHttpTest {

    private static final String ADMIN = Api.basic("demo", "demo");
    private static final String ONBOARDING = Api.basic("boundaryonboarding", "boundaryonboarding-password");
    private static final String OPS = Api.basic("boundaryops", "boundaryops-password");
    private static final String ANALYST = Api.basic("boundaryanalyst", "boundaryanalyst-password");
    private static final String START = "/engine-rest/process-definition/key/account-opening/start";

    @Autowired
    Api api;

    @BeforeAll
    void oneUserPerRole() {
        Map.of("boundaryonboarding", Roles.ONBOARDING, "boundaryops", Roles.OPS, "boundaryanalyst", Roles.ANALYSTS)
                .forEach((user, group) -> {
                    Reply created = api.call(
                            "POST",
                            "/engine-rest/user/create",
                            "application/json",
                            Api.write(Map.of(
                                    "profile",
                                            Map.of(
                                                    "id",
                                                    user,
                                                    "firstName",
                                                    group,
                                                    "lastName",
                                                    "Boundary",
                                                    "email",
                                                    user + "@bank.example"),
                                    "credentials", Map.of("password", user + "-password"))),
                            ADMIN);
                    assertThat(created.status()).as(created.body()).isEqualTo(204);
                    assertThat(api.call("PUT", "/engine-rest/group/" + group + "/members/" + user, null, null, ADMIN)
                                    .status())
                            .isEqualTo(204);
                });
    }

    @Test
    void onboardingCannotStartAnOpeningWithOpsResolutionPrefilled() {
        String requestId = newRequestId();
        Map<String, Object> variables = contractVariables("Prefilled B.V. [stuck]");
        variables.put("resolution", string("MANUAL"));
        variables.put("iban", string("NL91ABNA0417164300"));
        variables.put("bic", string("ABNANL2A"));

        Reply start = api.call(
                "POST",
                START,
                "application/json",
                Api.write(Map.of("businessKey", requestId, "variables", variables)),
                ONBOARDING);

        assertThat(start.status()).as(start.body()).isEqualTo(400);
        assertThat(start.json().path("message").asText())
                .contains("variable 'resolution'", "variable 'iban'", "variable 'bic'")
                .contains("customerId, market, customerType, legalName");
        assertThat(api.record(requestId).status())
                .as("no record is left behind")
                .isEqualTo(404);
        assertThat(api.get("/engine-rest/process-instance?businessKey=" + requestId, "demo", "demo")
                        .json())
                .isEmpty();
    }

    @Test
    void onboardingCannotStartAnOpeningAtTheStepThatAppliesOpsResolution() {
        String victim = newRequestId();
        assertThat(api.call(
                                "POST",
                                START,
                                "application/json",
                                Api.write(Map.of(
                                        "businessKey", victim, "variables", contractVariables("Victim B.V. [stuck]"))),
                                ONBOARDING)
                        .status())
                .isEqualTo(200);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("resolution", string("MANUAL"));
        variables.put("iban", string("NL91ABNA0417164300"));
        variables.put("bic", string("ABNANL2A"));

        Reply start = api.call(
                "POST",
                START,
                "application/json",
                Api.write(Map.of(
                        "businessKey",
                        victim,
                        "variables",
                        variables,
                        "startInstructions",
                        java.util.List.of(
                                Map.of("type", "startBeforeActivity", "activityId", "Task_ApplyResolution")))),
                ONBOARDING);

        assertThat(start.status()).as(start.body()).isEqualTo(403);
        assertThat(start.json().path("type").asText()).isEqualTo("AuthorizationException");
        assertThat(start.json().path("message").asText()).contains("only at its start event");
        JsonNode record = api.record(victim).json();
        assertThat(record.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(record.path("iban").isNull()).isTrue();
        assertThat(api.get("/engine-rest/process-instance?businessKey=" + victim, "demo", "demo")
                        .json())
                .hasSize(1);
    }

    @Test
    void opsResolutionComesOnlyFromTheCompletionOfTheTask() {
        String requestId = newRequestId();
        Reply start = api.call(
                "POST",
                START,
                "application/json",
                Api.write(Map.of("businessKey", requestId, "variables", contractVariables("Planted B.V. [stuck]"))),
                ONBOARDING);
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        String instance = start.json().path("id").asText();
        // Someone with the right to write variables plants a resolution before the escalation.
        for (Map.Entry<String, String> planted : Map.of(
                        "resolution", "MANUAL", "iban", "NL91ABNA0417164300", "bic", "ABNANL2A")
                .entrySet()) {
            Reply put = api.call(
                    "PUT",
                    "/engine-rest/process-instance/" + instance + "/variables/" + planted.getKey(),
                    "application/json",
                    Api.write(string(planted.getValue())),
                    ADMIN);
            assertThat(put.status()).as(put.body()).isEqualTo(204);
        }
        String task = awaitOpsTask(instance);

        JsonNode formVariables = api.call("GET", "/engine-rest/task/" + task + "/form-variables", null, null, OPS)
                .json();
        assertThat(formVariables.has("iban"))
                .as("the form comes up without the planted IBAN: " + formVariables)
                .isFalse();
        assertThat(formVariables.has("resolution")).as(formVariables.toString()).isFalse();

        Reply empty = completeAsOps(task, "{}");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(empty.json().path("message").asText()).contains("'resolution' is missing");
        assertThat(api.record(requestId).json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.record(requestId).json().path("iban").isNull()).isTrue();
        assertThat(openTask(instance)).as("the task stays open for ops").isEqualTo(task);

        Reply rejected =
                completeAsOps(task, "{\"variables\": {\"resolution\": {\"value\": \"REJECT\", \"type\": \"String\"}}}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.record(requestId).json().path("status").asText(), "REJECTED"::equals);
        assertThat(api.record(requestId).json().path("iban").isNull()).isTrue();
    }

    @Test
    void aDecisionTableAskingForCustomerDataGetsNothing() throws IOException {
        String original = Files.readString(Path.of("dmn/account-opening-mode.dmn"));
        String nosy = original.replace("</input>\n      <output", """
                </input>
                      <input id="Input_LegalName" label="Legal name">
                        <inputExpression id="InputExpression_LegalName" typeRef="string"><text>legalName</text></inputExpression>
                      </input>
                      <input id="Input_CustomerId" label="Customer id">
                        <inputExpression id="InputExpression_CustomerId" typeRef="string"><text>customerId</text></inputExpression>
                      </input>
                      <output""")
                .replaceAll(
                        "(<inputEntry id=\"InputEntry_(\\w+)_CustomerType\">\\s*<text></text>\\s*</inputEntry>)",
                        "$1<inputEntry id=\"InputEntry_$2_LegalName\"><text></text></inputEntry>"
                                + "<inputEntry id=\"InputEntry_$2_CustomerId\"><text></text></inputEntry>");
        assertThat(nosy).contains("InputEntry_Other_CustomerId");
        Reply deployed = api.deploy("nosy-mode-table", "account-opening-mode.dmn", nosy, ANALYST);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        try {
            String requestId = newRequestId();
            Map<String, Object> variables = contractVariables("Very Private Holding B.V.");
            variables.put("customerId", string("C-PRIVATE-7"));
            Reply start = api.call(
                    "POST",
                    START,
                    "application/json",
                    Api.write(Map.of("businessKey", requestId, "variables", variables)),
                    ONBOARDING);
            assertThat(start.status()).as(start.body()).isEqualTo(200);
            assertThat(api.record(requestId).json().path("mode").asText())
                    .as("the table still decides")
                    .isEqualTo("ASYNC");

            String definition = deployed.json()
                    .path("deployedDecisionDefinitions")
                    .fieldNames()
                    .next();
            Reply history = api.call(
                    "GET",
                    "/engine-rest/history/decision-instance?includeInputs=true&decisionDefinitionId=" + definition,
                    null,
                    null,
                    ANALYST);
            assertThat(history.status()).as(history.body()).isEqualTo(200);
            assertThat(history.json()).hasSize(1);
            assertThat(history.body())
                    .doesNotContain("Very Private Holding", "C-PRIVATE-7")
                    .contains("\"NL\"", "COMPANY");
        } finally {
            assertThat(api.deploy("account-opening-mode-restored", "account-opening-mode.dmn", original)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void anAnalystsFormDoesNotChangeWhatOpsSees() {
        String instance = api.start(newRequestId(), "C-4242", "NL", "COMPANY", "Formed B.V. [stuck]")
                .json()
                .path("id")
                .asText();
        String task = awaitOpsTask(instance);
        String form = """
                {"schemaVersion": 16, "id": "account-opening-resolution", "type": "default", "components": [
                  {"type": "text", "id": "Text_Planted", "text": "Planted by an analyst"},
                  {"type": "textfield", "id": "Field_Resolution", "key": "resolution", "defaultValue": "MANUAL"},
                  {"type": "textfield", "id": "Field_Iban", "key": "iban", "defaultValue": "NL91ABNA0417164300"}]}""";
        Reply deployed = api.deploy("planted-form", "account-opening-resolution.form", form, ANALYST);
        assertThat(deployed.status())
                .as("analysts may deploy forms: " + deployed.body())
                .isEqualTo(200);
        try {
            Reply seen = api.call("GET", "/engine-rest/task/" + task + "/deployed-form", null, null, OPS);
            assertThat(seen.status()).as(seen.body()).isEqualTo(200);
            assertThat(seen.body()).contains("Stuck account opening").doesNotContain("Planted by an analyst");

            String later = api.start(newRequestId(), "C-4243", "NL", "COMPANY", "Later B.V. [stuck]")
                    .json()
                    .path("id")
                    .asText();
            Reply laterForm =
                    api.call("GET", "/engine-rest/task/" + awaitOpsTask(later) + "/deployed-form", null, null, OPS);
            assertThat(laterForm.body())
                    .as("an escalation after the analyst's deployment too")
                    .contains("Stuck account opening")
                    .doesNotContain("Planted by an analyst");
        } finally {
            api.call(
                    "DELETE",
                    "/engine-rest/deployment/" + deployed.json().path("id").asText() + "?cascade=true",
                    null,
                    null,
                    ADMIN);
        }
    }

    private Reply completeAsOps(String task, String body) {
        return api.call("POST", "/engine-rest/task/" + task + "/complete", "application/json", body, OPS);
    }

    private String awaitOpsTask(String instance) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> openTask(instance), id -> id != null);
    }

    private String openTask(String instance) {
        JsonNode tasks = api.call("GET", "/engine-rest/task?processInstanceId=" + instance, null, null, ADMIN)
                .json();
        return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
    }

    private static Map<String, Object> contractVariables(String legalName) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("customerId", string("C-1001"));
        variables.put("market", string("NL"));
        variables.put("customerType", string("COMPANY"));
        variables.put("legalName", string(legalName));
        return variables;
    }

    private static Map<String, String> string(String value) {
        return Map.of("value", value, "type", "String");
    }
}
