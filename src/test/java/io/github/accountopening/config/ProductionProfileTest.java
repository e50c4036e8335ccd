package io.github.accountopening.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.accountopening.AccountOpeningApplication;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.EmbeddedPostgres;
import io.github.accountopening.support.FreePortInitializer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Profile prod: refuses development settings line by line, and runs without simulators or sandbox. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    @Test
    void refusesToStartOnDevelopmentSettingsNamingEachOne(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                        .profiles("prod")
                        .run("--server.port=" + FreePortInitializer.freePort()))
                .isInstanceOf(UnsafeProductionConfigurationException.class);

        assertThat(output.getAll())
                .contains(
                        "APPLICATION FAILED TO START",
                        " - camunda.bpm.admin-user.id is the demo user",
                        " - camunda.bpm.admin-user.password is the demo password",
                        " - nexusbank.api-key is the development value",
                        " - nexusbank.webhook-secret holds the development secret",
                        " - jira.api-token is the development value",
                        " - spring.datasource.url is the embedded H2 database",
                        " - nexusbank.base-url points at the built-in simulator");
    }

    @Test
    void refusesOnlyWhatIsLeftAtItsDevelopmentValue() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                        .profiles("prod")
                        .run(productionSettings(Map.of(
                                "spring.datasource.url",
                                "jdbc:postgresql://localhost:1/none",
                                "nexusbank.api-key",
                                "dev-nexusbank-api-key"))))
                .isInstanceOfSatisfying(
                        UnsafeProductionConfigurationException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("nexusbank.api-key"));
    }

    @Test
    void refusesTheDevelopmentSecretAnywhereInARotationListAndSkipsBlanksAsTheVerifierDoes() {
        String live = "whsec_"
                + Base64.getEncoder()
                        .encodeToString("live-secret-from-nexusbank-0002".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                        .profiles("prod")
                        .run(productionSettings(Map.of(
                                "spring.datasource.url",
                                "jdbc:postgresql://localhost:1/none",
                                "nexusbank.webhook-secret",
                                live + ",, whsec_ZGV2LW5leHVzYmFuay13ZWJob29rLXNlY3JldC0wMDE=,"))))
                .isInstanceOfSatisfying(
                        UnsafeProductionConfigurationException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("nexusbank.webhook-secret holds the development secret"));
        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                        .profiles("prod")
                        .run(productionSettings(Map.of(
                                "spring.datasource.url", "jdbc:h2:mem:x", "nexusbank.webhook-secret", live + ",,"))))
                .isInstanceOfSatisfying(
                        UnsafeProductionConfigurationException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("spring.datasource.url"));
    }

    @Test
    void refusesToStartWithAuthorizationsOff() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                        .profiles("prod")
                        .run(productionSettings(Map.of(
                                "spring.datasource.url",
                                "jdbc:postgresql://localhost:1/none",
                                "camunda.bpm.authorization.enabled",
                                "false"))))
                .isInstanceOfSatisfying(
                        UnsafeProductionConfigurationException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("camunda.bpm.authorization.enabled is off"));
    }

    @Test
    void refusesToStartWithBasicOnWhileADemoUserIsLeftInTheDatabase(CapturedOutput output) {
        String database = EmbeddedPostgres.newDatabase();
        // A trial run on the database that production then takes over leaves demo / demo behind.
        try (ConfigurableApplicationContext trial = new SpringApplicationBuilder(AccountOpeningApplication.class)
                .profiles("postgres")
                .run(
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--server.port=" + FreePortInitializer.freePort())) {
            assertThat(trial.isRunning()).isTrue();
        }

        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                        .profiles("prod", "postgres")
                        .run(productionSettings(Map.of(
                                "spring.datasource.url",
                                database,
                                "server.port",
                                String.valueOf(FreePortInitializer.freePort())))))
                .hasRootCauseInstanceOf(UnsafeProductionConfigurationException.class);
        assertThat(output.getAll()).contains("user 'demo' exists in Camunda's user table while HTTP Basic is on");

        int port = FreePortInitializer.freePort();
        try (ConfigurableApplicationContext withoutBasic = new SpringApplicationBuilder(AccountOpeningApplication.class)
                .profiles("prod", "postgres")
                .run(productionSettings(Map.of(
                        "spring.datasource.url",
                        database,
                        "server.port",
                        String.valueOf(port),
                        "account-opening.security.basic-enabled",
                        "false")))) {
            assertThat(new Api(port)
                            .get("/engine-rest/process-definition", "demo", "demo")
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void jiraNeedsTheCredentialOfItsKind() {
        Map<String, String> devToken = Map.of("jira.api-token", "dev-jira-api-token");
        assertThat(jiraProblems(devToken, Map.of("jira.deployment", "cloud", "jira.personal-access-token", "live-pat")))
                .singleElement()
                .asString()
                .startsWith("jira.api-token is the development value")
                .contains("e-mail");
        assertThat(jiraProblems(
                        devToken, Map.of("jira.deployment", "data-center", "jira.personal-access-token", "live-pat")))
                .isEmpty();
        assertThat(jiraProblems(devToken, Map.of("jira.deployment", "auto", "jira.personal-access-token", "live-pat")))
                .isEmpty();
        assertThat(jiraProblems(devToken, Map.of("jira.deployment", "data-center")))
                .singleElement()
                .asString()
                .startsWith("jira.api-token is the development value")
                .contains("JIRA_PERSONALACCESSTOKEN");
        assertThat(jiraProblems(
                        Map.of(), Map.of("jira.deployment", "data-center", "jira.personal-access-token", "dev-pat")))
                .singleElement()
                .asString()
                .startsWith("jira.personal-access-token is the development value");
        assertThat(jiraProblems(Map.of(), Map.of("jira.deployment", "cloud"))).isEmpty();
    }

    /** The problems the check finds in production settings changed as given, Jira's alone. */
    private static List<String> jiraProblems(Map<String, String> first, Map<String, String> second) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String arg : productionSettings(Map.of("spring.datasource.url", "jdbc:postgresql://localhost:1/none"))) {
            String[] pair = arg.substring(2).split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        settings.putAll(first);
        settings.putAll(second);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("production", settings));
        return ProductionSafetyCheck.problems(env).stream()
                .filter(p -> p.startsWith("jira."))
                .toList();
    }

    @Test
    void startsWithProductionSettingsWithoutSimulatorsSandboxOrDemoUser() {
        int port = FreePortInitializer.freePort();
        String[] args = productionSettings(
                Map.of("spring.datasource.url", EmbeddedPostgres.newDatabase(), "server.port", String.valueOf(port)));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AccountOpeningApplication.class)
                .profiles("prod", "postgres")
                .run(args)) {
            Api api = new Api(port);

            assertThat(api.get("/actuator/health", null, null).status()).isEqualTo(200);
            assertThat(api.get("/engine-rest/process-definition", "demo", "demo")
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/engine-rest/process-definition", "platformadmin", "a-long-production-password")
                            .status())
                    .isEqualTo(200);
            assertThat(api.post(
                                    "/company/account-opening/set-status-sandbox",
                                    "{}",
                                    "platformadmin",
                                    "a-long-production-password")
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/simulator/nexusbank/v2/account-openings/trk-1", null, null)
                            .status())
                    .isEqualTo(404);
            for (String docs :
                    new String[] {"/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/index.html"}) {
                assertThat(api.get(docs, "platformadmin", "a-long-production-password")
                                .status())
                        .as(docs + " is off in prod")
                        .isEqualTo(404);
            }
        }
    }

    /** Everything prod needs, each value a production one unless overridden. */
    private static String[] productionSettings(Map<String, String> overrides) {
        String secret = "whsec_"
                + Base64.getEncoder()
                        .encodeToString("live-secret-from-nexusbank-0001".getBytes(StandardCharsets.UTF_8));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "postgres");
        settings.put("camunda.bpm.admin-user.id", "platformadmin");
        settings.put("camunda.bpm.admin-user.password", "a-long-production-password");
        settings.put("nexusbank.api-key", "live-key-0001");
        settings.put("nexusbank.webhook-secret", secret);
        settings.put("jira.api-token", "live-jira-token");
        settings.put("nexusbank.base-url", "https://api.nexusbank.example");
        settings.put("cards.base-url", "https://cards.example");
        settings.put("jira.base-url", "https://jira.example");
        settings.putAll(overrides);
        return settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}
