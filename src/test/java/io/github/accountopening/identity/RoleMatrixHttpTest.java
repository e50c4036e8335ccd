package io.github.accountopening.identity;

import static io.github.accountopening.identity.RoleMatrixHttpTest.Role.ADMIN;
import static io.github.accountopening.identity.RoleMatrixHttpTest.Role.ANALYSTS;
import static io.github.accountopening.identity.RoleMatrixHttpTest.Role.MONITORING;
import static io.github.accountopening.identity.RoleMatrixHttpTest.Role.ONBOARDING;
import static io.github.accountopening.identity.RoleMatrixHttpTest.Role.OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.Api.Reply;
import io.github.accountopening.support.HttpTest;
import io.github.accountopening.support.OidcServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every role against every operation, over real HTTP: Camunda users with HTTP Basic (made through
 * Camunda's REST API) and bearer tokens of a real OpenID Connect server. What a role may do succeeds;
 * everything else is refused with 403 in the client's own error shape, and changes nothing.
 */
@HttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixHttpTest {

    enum Role {
        ADMIN("camunda-admin"),
        ONBOARDING("onboarding"),
        OPS("ops"),
        ANALYSTS("analysts"),
        MONITORING("monitoring"),
        NO_GROUP(null);

        final String group;

        Role(String group) {
            this.group = group;
        }
    }

    /** One caller: a role, and how it proves who it is. */
    record Caller(String user, Role role, String authorization, boolean basic) {
        @Override
        public String toString() {
            return role + (basic ? " with Basic" : " with a token");
        }
    }

    @DynamicPropertySource
    static void trustTheBanksIdentityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OidcServer::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> OidcServer.AUDIENCE);
        // A database of its own: the instances deleted here leave records no other test should count as orphans.
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:role-matrix;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    private static final String ADMIN_AUTH = Api.basic("demo", "demo");

    @Autowired
    Api api;

    /** Per caller, an opening waiting in the ops task, and one whose provider call failed into an incident. */
    private final Map<Caller, String> escalated = new ConcurrentHashMap<>();

    private final Map<Caller, String> failed = new ConcurrentHashMap<>();
    private String waitingInstance;

    private static final List<Caller> CALLERS = everyRoleBothWays();

    static List<Caller> callers() {
        return CALLERS;
    }

    private static List<Caller> everyRoleBothWays() {
        List<Caller> callers = new ArrayList<>();
        for (Role role : Role.values()) {
            String basicUser =
                    role == ADMIN ? "demo" : "basic" + role.name().toLowerCase().replace("_", "");
            String password = role == ADMIN ? "demo" : basicUser + "-password";
            callers.add(new Caller(basicUser, role, Api.basic(basicUser, password), true));
            String ssoUser = "sso-" + role.name().toLowerCase();
            callers.add(new Caller(
                    ssoUser,
                    role,
                    OidcServer.bearer(ssoUser, role.group == null ? List.of() : List.of(role.group)),
                    false));
        }
        return callers;
    }

    static Stream<Caller> basicCallers() {
        return callers().stream().filter(Caller::basic);
    }

    @BeforeAll
    void usersAndOpeningsToWorkOn() {
        for (Caller caller : callers()) {
            if (caller.basic() && caller.role() != ADMIN) {
                Reply created = api.call(
                        "POST",
                        "/engine-rest/user/create",
                        "application/json",
                        Api.write(Map.of(
                                "profile",
                                        Map.of(
                                                "id",
                                                caller.user(),
                                                "firstName",
                                                caller.role().name(),
                                                "lastName",
                                                "Caller",
                                                "email",
                                                caller.user() + "@bank.example"),
                                "credentials", Map.of("password", caller.user() + "-password"))),
                        ADMIN_AUTH);
                assertThat(created.status()).as(created.body()).isEqualTo(204);
                if (caller.role().group != null) {
                    assertThat(api.call(
                                            "PUT",
                                            "/engine-rest/group/" + caller.role().group + "/members/" + caller.user(),
                                            null,
                                            null,
                                            ADMIN_AUTH)
                                    .status())
                            .isEqualTo(204);
                }
            }
            escalated.put(caller, startAsAdmin("Stuck B.V. [stuck]"));
            failed.put(caller, startAsAdmin("Outage B.V. [provider-down]"));
        }
        waitingInstance = startAsAdmin("Waiting B.V. [stuck]");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> escalated.values().stream().allMatch(id -> opsTask(id) != null)
                        && failed.values().stream().allMatch(id -> failedJob(id) != null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void startsAnOpening(Caller caller) {
        String requestId = Api.newRequestId();
        Reply reply = api.call(
                "POST",
                "/engine-rest/process-definition/key/account-opening/start",
                "application/json",
                startBody(requestId, "Acme B.V."),
                caller.authorization());

        if (allowed(caller, ADMIN, ONBOARDING)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(recordAsAdmin(requestId).status()).isEqualTo(200);
        } else {
            assertCamundaRefusal(reply);
            assertThat(recordAsAdmin(requestId).status()).isEqualTo(404);
            assertThat(instancesWithBusinessKey(requestId)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void readsARecordAndItsEvents(Caller caller) {
        String requestId = businessKey(waitingInstance);
        Reply record = api.call("GET", "/api/account-openings/" + requestId, null, null, caller.authorization());
        Reply events =
                api.call("GET", "/api/account-openings/" + requestId + "/events", null, null, caller.authorization());

        if (allowed(caller, ADMIN, ONBOARDING, OPS)) {
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.json().path("requestId").asText()).isEqualTo(requestId);
            assertThat(events.status()).isEqualTo(200);
        } else {
            for (Reply refused : List.of(record, events)) {
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().path("detail").asText()).contains(caller.user(), "onboarding", "ops");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void readsAnInstanceAndItsHistory(Caller caller) {
        Reply variables = api.call(
                "GET",
                "/engine-rest/process-instance/" + waitingInstance + "/variables",
                null,
                null,
                caller.authorization());
        Reply history = api.call(
                "GET",
                "/engine-rest/history/process-instance?processInstanceId=" + waitingInstance,
                null,
                null,
                caller.authorization());

        if (allowed(caller, ADMIN, ONBOARDING, OPS)) {
            assertThat(variables.status()).isEqualTo(200);
            assertThat(variables.json().path("legalName").path("value").asText())
                    .isEqualTo("Waiting B.V. [stuck]");
            assertThat(history.json()).hasSize(1);
        } else {
            assertCamundaRefusal(variables);
            if (caller.role() == ANALYSTS) {
                // Camunda's queries leave out what a user may not read rather than refuse the query.
                assertThat(history.json()).isEmpty();
            } else {
                assertCamundaRefusal(history); // in no group that works with the engine at all
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void deletesAnInstance(Caller caller) {
        String instance = startAsAdmin("Doomed B.V. [stuck]");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !recordAsAdmin(businessKey(instance))
                        .json()
                        .path("trackingId")
                        .isNull());

        Reply reply =
                api.call("DELETE", "/engine-rest/process-instance/" + instance, null, null, caller.authorization());

        if (allowed(caller, ADMIN)) {
            assertThat(reply.status()).isEqualTo(204);
            assertThat(api.call("GET", "/engine-rest/process-instance/" + instance, null, null, ADMIN_AUTH)
                            .status())
                    .isEqualTo(404);
        } else {
            assertCamundaRefusal(reply);
            assertThat(api.call("GET", "/engine-rest/process-instance/" + instance, null, null, ADMIN_AUTH)
                            .status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void deploysADecisionTable(Caller caller) throws IOException {
        String name = "decision-" + UUID.randomUUID();
        String table = Files.readString(Path.of("dmn/account-opening-mode.dmn"));

        Reply reply = api.deploy(name, "account-opening-mode.dmn", table, caller.authorization());

        if (allowed(caller, ADMIN, ANALYSTS)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(deployments(name)).isEqualTo(1);
        } else {
            assertCamundaRefusal(reply);
            assertThat(deployments(name)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void deploysAProcessModel(Caller caller) {
        String name = "process-" + UUID.randomUUID();

        Reply reply = api.deploy(name, "probe.bpmn", probeProcess(), caller.authorization());

        if (allowed(caller, ADMIN)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(deployments(name)).isEqualTo(1);
        } else {
            assertCamundaRefusal(reply);
            assertThat(deployments(name)).isZero();
            if (caller.role() == ANALYSTS) {
                assertThat(reply.json().path("message").asText())
                        .contains(
                                "probe.bpmn",
                                "a process model runs expressions with the application's rights",
                                "camunda-admin");
            }
        }
    }

    @Test
    void analystsCannotSlipCodeIntoADecisionTable() throws IOException {
        String juel = Files.readString(Path.of("dmn/account-opening-mode.dmn"))
                .replaceFirst("<inputExpression ", "<inputExpression expressionLanguage=\"juel\" ");
        String name = "juel-" + UUID.randomUUID();

        Reply reply = api.deploy(
                name,
                "account-opening-mode.dmn",
                juel,
                callerFor(ANALYSTS, true).authorization());

        assertCamundaRefusal(reply);
        assertThat(reply.json().path("message").asText()).contains("expression language 'juel'");
        assertThat(deployments(name)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void completesAnOpsTask(Caller caller) {
        String instance = escalated.get(caller);
        String task = opsTask(instance);

        Reply reply = api.call(
                "POST",
                "/engine-rest/task/" + task + "/complete",
                "application/json",
                "{\"variables\": {\"resolution\": {\"value\": \"REJECT\", \"type\": \"String\"}}}",
                caller.authorization());

        if (allowed(caller, ADMIN, OPS)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> recordAsAdmin(businessKey(instance))
                                    .json()
                                    .path("status")
                                    .asText(),
                            "REJECTED"::equals);
        } else {
            assertCamundaRefusal(reply);
            assertThat(opsTask(instance)).isEqualTo(task);
            assertThat(recordAsAdmin(businessKey(instance))
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("IN_PROGRESS");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void retriesAFailedJob(Caller caller) {
        String job = failedJob(failed.get(caller));

        Reply reply = api.call(
                "PUT",
                "/engine-rest/job/" + job + "/retries",
                "application/json",
                "{\"retries\": 1}",
                caller.authorization());

        int retries = api.call("GET", "/engine-rest/job/" + job, null, null, ADMIN_AUTH)
                .json()
                .path("retries")
                .asInt();
        if (allowed(caller, ADMIN, OPS)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(204);
            assertThat(retries).isEqualTo(1);
        } else {
            assertCamundaRefusal(reply);
            assertThat(retries).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void createsAUser(Caller caller) {
        String user = "new" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Reply reply = api.call(
                "POST",
                "/engine-rest/user/create",
                "application/json",
                Api.write(Map.of(
                        "profile",
                                Map.of(
                                        "id",
                                        user,
                                        "firstName",
                                        "New",
                                        "lastName",
                                        "Admin",
                                        "email",
                                        user + "@bank.example"),
                        "credentials", Map.of("password", "a-password-of-" + user))),
                caller.authorization());

        boolean exists = api.call("GET", "/engine-rest/user/" + user + "/profile", null, null, ADMIN_AUTH)
                        .status()
                == 200;
        if (allowed(caller, ADMIN)) {
            assertThat(reply.status()).isEqualTo(204);
            assertThat(exists).isTrue();
        } else {
            assertCamundaRefusal(reply);
            assertThat(exists).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void usesTheSandbox(Caller caller) {
        String requestId = businessKey(startAsAdmin("Sandboxed B.V. [stuck]"));

        Reply reply = api.call(
                "POST",
                "/company/account-opening/set-status-sandbox",
                "application/json",
                "{\"accountOpeningRequestId\": \"" + requestId + "\", \"status\": \"REJECTED\"}",
                caller.authorization());

        if (allowed(caller, ADMIN, OPS)) {
            assertThat(reply.status()).isEqualTo(202);
            assertThat(recordAsAdmin(requestId).json().path("status").asText()).isEqualTo("REJECTED");
        } else {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(recordAsAdmin(requestId).json().path("status").asText()).isEqualTo("IN_PROGRESS");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void scrapesMetrics(Caller caller) {
        Reply reply = api.call("GET", "/actuator/prometheus", null, null, caller.authorization());

        if (allowed(caller, ADMIN, MONITORING)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains("account_opening");
        } else {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().path("detail").asText()).contains("camunda-admin", "monitoring");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basicCallers")
    void logsIntoEachWebapp(Caller caller) throws Exception {
        Map<String, Integer> logins = new LinkedHashMap<>();
        for (String app : List.of("cockpit", "tasklist", "admin")) {
            logins.put(
                    app,
                    webappLogin(app, caller.user(), caller.role() == ADMIN ? "demo" : caller.user() + "-password"));
        }

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("cockpit", allowed(caller, ADMIN, OPS, ANALYSTS) ? 200 : 403);
        expected.put("tasklist", allowed(caller, ADMIN, OPS) ? 200 : 403);
        expected.put("admin", allowed(caller, ADMIN) ? 200 : 403);
        assertThat(logins).isEqualTo(expected);
    }

    @Test
    void expiredNotYetValidWronglySignedAndForeignTokensAreRefusedAndChangeNothing() {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Object> onboarding = OidcServer.claims("sso-onboarding", List.of("onboarding"));
        tokens.put(
                "expired",
                OidcServer.bearer(OidcServer.BANK, OidcServer.AUDIENCE, onboarding, Duration.ofMinutes(-10)));
        Map<String, Object> later = new LinkedHashMap<>(onboarding);
        later.put("nbf", java.time.Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
        tokens.put(
                "not yet valid", OidcServer.bearer(OidcServer.BANK, OidcServer.AUDIENCE, later, Duration.ofHours(1)));
        String genuine = OidcServer.bearer("sso-onboarding", List.of("onboarding"));
        tokens.put(
                "wrongly signed",
                genuine.substring(0, genuine.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ");
        tokens.put(
                "of another issuer",
                OidcServer.bearer(OidcServer.FOREIGN, OidcServer.AUDIENCE, onboarding, Duration.ofHours(1)));
        tokens.put(
                "for another audience",
                OidcServer.bearer(OidcServer.BANK, "payments", onboarding, Duration.ofHours(1)));

        tokens.forEach((what, token) -> {
            String requestId = Api.newRequestId();
            Reply start = api.call(
                    "POST",
                    "/engine-rest/process-definition/key/account-opening/start",
                    "application/json",
                    startBody(requestId, "Acme B.V."),
                    token);
            assertThat(start.status()).as(what).isEqualTo(401);
            assertThat(start.json().path("type").asText()).as(what).isEqualTo("AuthenticationException");
            assertThat(start.json().path("message").asText()).as(what).isEqualTo("invalid token");
            assertThat(recordAsAdmin(requestId).status()).as(what).isEqualTo(404);

            Reply record = api.call("GET", "/api/account-openings/" + businessKey(waitingInstance), null, null, token);
            assertThat(record.status()).as(what).isEqualTo(401);
            assertThat(record.contentType()).as(what).startsWith("application/problem+json");
        });
        assertThat(api.call("GET", "/api/account-openings/" + businessKey(waitingInstance), null, null, genuine)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTokenWithoutTheUserClaimIsRefused() {
        String token = OidcServer.bearer(
                OidcServer.BANK, OidcServer.AUDIENCE, Map.of("groups", List.of("ops")), Duration.ofHours(1));

        Reply reply = api.call("GET", "/engine-rest/process-definition", null, null, token);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("message").asText()).isEqualTo("invalid token");
    }

    private static boolean allowed(Caller caller, Role... roles) {
        return EnumSet.copyOf(Set.of(roles)).contains(caller.role());
    }

    private static Caller callerFor(Role role, boolean basic) {
        return callers().stream()
                .filter(c -> c.role() == role && c.basic() == basic)
                .findFirst()
                .orElseThrow();
    }

    private static void assertCamundaRefusal(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().path("type").asText()).isEqualTo("AuthorizationException");
        assertThat(reply.json().path("message").asText()).isNotBlank();
    }

    private String startAsAdmin(String legalName) {
        String requestId = Api.newRequestId();
        Reply reply = api.call(
                "POST",
                "/engine-rest/process-definition/key/account-opening/start",
                "application/json",
                startBody(requestId, legalName),
                ADMIN_AUTH);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("id").asText();
    }

    private static String startBody(String requestId, String legalName) {
        return Api.write(Map.of(
                "businessKey",
                requestId,
                "variables",
                Map.of(
                        "customerId", Map.of("value", "C-7000", "type", "String"),
                        "market", Map.of("value", "NL", "type", "String"),
                        "customerType", Map.of("value", "COMPANY", "type", "String"),
                        "legalName", Map.of("value", legalName, "type", "String"))));
    }

    private Reply recordAsAdmin(String requestId) {
        return api.call("GET", "/api/account-openings/" + requestId, null, null, ADMIN_AUTH);
    }

    private String businessKey(String instance) {
        return api.call("GET", "/engine-rest/history/process-instance/" + instance, null, null, ADMIN_AUTH)
                .json()
                .path("businessKey")
                .asText();
    }

    private long instancesWithBusinessKey(String requestId) {
        return api.call(
                        "GET",
                        "/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + requestId,
                        null,
                        null,
                        ADMIN_AUTH)
                .json()
                .path("count")
                .asLong();
    }

    private long deployments(String name) {
        return api.call("GET", "/engine-rest/deployment/count?name=" + name, null, null, ADMIN_AUTH)
                .json()
                .path("count")
                .asLong();
    }

    private String opsTask(String instance) {
        JsonNode tasks = api.call(
                        "GET",
                        "/engine-rest/task?processInstanceId=" + instance + "&candidateGroup=ops",
                        null,
                        null,
                        ADMIN_AUTH)
                .json();
        return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
    }

    private String failedJob(String instance) {
        JsonNode jobs = api.call(
                        "GET",
                        "/engine-rest/job?processInstanceId=" + instance + "&noRetriesLeft=true",
                        null,
                        null,
                        ADMIN_AUTH)
                .json();
        return jobs.isEmpty() ? null : jobs.get(0).path("id").asText();
    }

    private static String probeProcess() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="role-matrix-probe" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Probe"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    /** The webapps' own login, as the login page sends it: with the session's CSRF token. */
    private int webappLogin(String app, String user, String password) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = api.baseUrl();
        browser.send(
                HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        return browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("X-XSRF-TOKEN", csrf)
                                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
