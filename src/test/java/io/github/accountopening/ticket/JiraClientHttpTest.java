package io.github.accountopening.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.FeignException;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.JiraSimulatorProperties.Kind;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.HttpTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The Jira client against the stand-in playing each kind: found out once, spoken to as that kind takes it. */
@HttpTest
class JiraClientHttpTest {

    static final String PAT = "dev-jira-personal-access-token";

    @Autowired
    JiraSimulator simulator;

    @Autowired
    ObjectMapper json;

    @Value("${server.port}")
    int port;

    @AfterEach
    void playCloudAgain() {
        simulator.playAs(Kind.CLOUD);
        simulator.setSearchDelay(Duration.ofSeconds(2));
    }

    @Test
    void autoFindsCloudAndWritesDocumentsOnApiV3() {
        JiraKind jira = client(JiraDeployment.AUTO, PAT).kind();
        assertThat(jira.deployment()).isEqualTo(JiraDeployment.CLOUD);

        String label = "client-" + UUID.randomUUID();
        String key = jira.create(ticket(label));
        jira.comment(key, "Closed.");
        assertThat(jira.search("labels = \"" + label + "\""))
                .as("Cloud's search lags behind the create")
                .isEmpty();
        simulator.setSearchDelay(Duration.ZERO);
        assertThat(jira.search("labels = \"" + label + "\"")).containsExactly(key);

        JiraSimulator.Issue issue = simulator.withLabel(label).get(0);
        assertThat(issue.description()).contains("Process instance in Cockpit: http://localhost/cockpit/pi-1");
        assertThat(issue.comments()).containsExactly("Closed.");
    }

    @Test
    void autoFindsDataCenterAndSignsInWithTheTokenOrThePassword() {
        simulator.playAs(Kind.DATA_CENTER);
        for (String token : new String[] {PAT, ""}) {
            JiraKind jira = client(JiraDeployment.AUTO, token).kind();
            assertThat(jira.deployment()).isEqualTo(JiraDeployment.DATA_CENTER);

            String label = "client-" + UUID.randomUUID();
            String key = jira.create(ticket(label));
            assertThat(jira.search("labels = \"" + label + "\""))
                    .as("searchable at once")
                    .containsExactly(key);
            jira.comment(key, "Closed.");
            assertThat(simulator.withLabel(label).get(0).description())
                    .startsWith("No status.\n\n* Request id: req-1\n");
            assertThat(simulator.withLabel(label).get(0).comments()).containsExactly("Closed.");
        }
    }

    @Test
    void theWrongKindConfiguredFailsWithJirasOwnAnswer() {
        assertThatThrownBy(() -> client(JiraDeployment.DATA_CENTER, PAT).kind().search("labels = x"))
                .isInstanceOfSatisfying(
                        FeignException.class, e -> assertThat(e.status()).isEqualTo(410));
        simulator.playAs(Kind.DATA_CENTER);
        assertThatThrownBy(() -> client(JiraDeployment.CLOUD, PAT).kind().search("labels = x"))
                .isInstanceOfSatisfying(
                        FeignException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aJiraThatCannotBeAskedNamesTheSettingThatAvoidsAsking() {
        JiraClient unreachable = new JiraClient(
                properties("http://localhost:" + FreePortInitializer.freePort() + "/jira", JiraDeployment.AUTO, PAT),
                json);
        assertThatThrownBy(unreachable::kind).hasMessageContaining("set jira.deployment to cloud or data-center");
    }

    private JiraClient client(JiraDeployment deployment, String token) {
        return new JiraClient(properties("http://localhost:" + port + "/simulator/jira", deployment, token), json);
    }

    private static JiraProperties properties(String baseUrl, JiraDeployment deployment, String token) {
        return new JiraProperties(
                baseUrl,
                deployment,
                "account-opening@example.com",
                "dev-jira-api-token",
                token,
                "OPS",
                "Task",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    private static NewTicket ticket(String label) {
        return new NewTicket(
                "OPS",
                "Task",
                "Client test",
                List.of(label),
                "No status.",
                List.of(
                        new NewTicket.Fact("Request id", "req-1", false),
                        new NewTicket.Fact("Process instance in Cockpit", "http://localhost/cockpit/pi-1", true)),
                "Resolve it.");
    }
}
