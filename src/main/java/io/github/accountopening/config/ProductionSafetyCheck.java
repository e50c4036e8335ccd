package io.github.accountopening.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Under profile {@code prod}, refuses to start before anything is created while a development value
 * remains: the {@code demo} user, a {@code dev-} key, token or secret, the embedded H2 database, a
 * client still pointing at a built-in simulator, or Camunda's authorizations off. Each offending
 * property gets one line. A {@code demo} user left in the database is found once it is open.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor, Ordered {

    static final String DEV_PREFIX = "dev-";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new UnsafeProductionConfigurationException(problems);
        }
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        if ("demo".equals(env.getProperty("camunda.bpm.admin-user.id"))) {
            problems.add(
                    "camunda.bpm.admin-user.id is the demo user: set CAMUNDA_BPM_ADMINUSER_ID to your administrator");
        }
        if ("demo".equals(env.getProperty("camunda.bpm.admin-user.password"))) {
            problems.add("camunda.bpm.admin-user.password is the demo password: set CAMUNDA_BPM_ADMINUSER_PASSWORD");
        }
        if (!"true".equals(env.getProperty("camunda.bpm.authorization.enabled"))) {
            problems.add("camunda.bpm.authorization.enabled is off, so every user could do everything: set it to true");
        }
        devValue(env, "nexusbank.api-key", "NEXUSBANK_APIKEY", problems);
        jiraCredentials(env, problems);
        // blanks between commas are skipped, as the webhook verifier skips them
        List<String> secrets = Arrays.stream(
                        env.getProperty("nexusbank.webhook-secret", "").split(",", -1))
                .map(String::trim)
                .filter(secret -> !secret.isEmpty())
                .toList();
        if (secrets.isEmpty() || secrets.stream().anyMatch(ProductionSafetyCheck::decodesToDevValue)) {
            problems.add(
                    "nexusbank.webhook-secret holds the development secret: set NEXUSBANK_WEBHOOKSECRET to NexusBank's whsec_ secret(s)");
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (url.isBlank() || url.startsWith("jdbc:h2:")) {
            problems.add(
                    "spring.datasource.url is the embedded H2 database: use profile postgres and set SPRING_DATASOURCE_URL");
        }
        for (String client : List.of("nexusbank.base-url", "cards.base-url", "jira.base-url")) {
            if (env.getProperty(client, "").contains("/simulator/")) {
                problems.add(client + " points at the built-in simulator, which prod turns off: set "
                        + client.toUpperCase(Locale.ROOT).replace(".", "_").replace("-", ""));
            }
        }
        return problems;
    }

    /**
     * Jira Cloud signs in with the account's e-mail and an API token, Data Center with a personal access
     * token (or user and password): the kind configured needs its own credential, and with {@code auto}
     * one of the two must be real, whichever kind answers.
     */
    private static void jiraCredentials(ConfigurableEnvironment env, List<String> problems) {
        String deployment = env.getProperty("jira.deployment", "auto")
                .trim()
                .toLowerCase(Locale.ROOT)
                .replace("_", "-");
        String token = env.getProperty("jira.personal-access-token", "");
        if (token.startsWith(DEV_PREFIX)) {
            problems.add("jira.personal-access-token is the development value: set JIRA_PERSONALACCESSTOKEN");
            return;
        }
        boolean hasToken = !token.isBlank();
        if (deployment.equals("cloud")) {
            devValue(
                    env,
                    "jira.api-token",
                    "JIRA_APITOKEN (Jira Cloud: the API token of the account JIRA_USER names by e-mail)",
                    problems);
        } else if (!hasToken) {
            devValue(
                    env,
                    "jira.api-token",
                    "JIRA_APITOKEN (Jira Cloud's API token) or, for Jira Data Center," + " JIRA_PERSONALACCESSTOKEN",
                    problems);
        }
    }

    private static void devValue(ConfigurableEnvironment env, String property, String variable, List<String> problems) {
        String value = env.getProperty(property, "");
        if (value.isBlank() || value.startsWith(DEV_PREFIX)) {
            problems.add(
                    property + " is " + (value.isBlank() ? "not set" : "the development value") + ": set " + variable);
        }
    }

    private static boolean decodesToDevValue(String secret) {
        try {
            String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
            return new String(Base64.getDecoder().decode(key), StandardCharsets.UTF_8).startsWith(DEV_PREFIX);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** After the configuration files and profiles have been read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
