package io.github.accountopening.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.Api.Reply;
import io.github.accountopening.support.HttpTest;
import io.github.accountopening.support.OidcServer;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on exactly as strict as the identity provider, over real HTTP against a real OpenID
 * Connect server: a token or a login grants what it says and no more, for no longer than it says,
 * never in the name of a local Camunda user, and a refusal tells the client no more than "invalid token".
 */
@HttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class StrictSingleSignOnHttpTest {

    private static final String ADMIN_AUTH = Api.basic("demo", "demo");
    private static final String SERVICE_ACCOUNT = "svcrobot";
    private static final String NO_GROUP_USER = "healthnogroup";

    @DynamicPropertySource
    static void theBanksIdentityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OidcServer::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> OidcServer.AUDIENCE);
        registry.add("spring.security.oauth2.client.provider.bank.issuer-uri", OidcServer::issuer);
        registry.add("spring.security.oauth2.client.registration.bank.client-id", () -> "account-opening-webapps");
        registry.add("spring.security.oauth2.client.registration.bank.client-secret", () -> "webapps-secret");
        registry.add("spring.security.oauth2.client.registration.bank.scope", () -> "openid,profile");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:strict-sso;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @Autowired
    Api api;

    @BeforeAll
    void localUsers() {
        for (String user : List.of(SERVICE_ACCOUNT, NO_GROUP_USER)) {
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
                                            "Local",
                                            "lastName",
                                            "User",
                                            "email",
                                            user + "@bank.example"),
                            "credentials", Map.of("password", user + "-password"))),
                    ADMIN_AUTH);
            assertThat(created.status()).as(created.body()).isEqualTo(204);
        }
    }

    @Test
    void healthDetailsAreOnlyForAdministratorsAndMonitoring() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("nobody", null);
        callers.put("a Camunda user in no group", Api.basic(NO_GROUP_USER, NO_GROUP_USER + "-password"));
        callers.put("a token in no group", OidcServer.bearer("sso-nogroup", List.of()));
        callers.put("a token in ops", OidcServer.bearer("sso-ops", List.of("ops")));
        callers.put("a token in monitoring", OidcServer.bearer("sso-monitoring", List.of("monitoring")));
        callers.put("a token in camunda-admin", OidcServer.bearer("sso-admin", List.of("camunda-admin")));
        callers.put("demo (camunda-admin) with Basic", ADMIN_AUTH);

        callers.forEach((who, authorization) -> {
            boolean entitled = who.contains("monitoring") || who.contains("camunda-admin");
            for (String path : List.of("/actuator/health", "/actuator/health/dependencies")) {
                Reply health = api.call("GET", path, null, null, authorization);
                assertThat(health.status()).as(who + " " + path).isEqualTo(200);
                assertThat(health.json().has("components"))
                        .as(who + " sees the details of " + path + ": " + health.body())
                        .isEqualTo(entitled);
            }
        });
    }

    @Test
    void aTokenMustExpireWithinTheLifetimeCapAndNotBeIssuedInTheFuture() throws ParseException {
        Instant now = Instant.now();
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("without exp", times(null, now));
        refused.put(
                "issued ten minutes from now",
                times(now.plus(Duration.ofMinutes(70)), now.plus(Duration.ofMinutes(10))));
        refused.put("valid for a day", times(now.plus(Duration.ofDays(1)), now));
        refused.put("valid for a day, without iat", times(now.plus(Duration.ofDays(1)), null));
        Map<String, Map<String, Object>> accepted = new LinkedHashMap<>();
        accepted.put("valid for an hour", times(now.plus(Duration.ofHours(1)), now));
        accepted.put("issued 30 s ahead (clock skew)", times(now.plus(Duration.ofHours(1)), now.plusSeconds(30)));
        accepted.put("valid for an hour, without iat", times(now.plus(Duration.ofHours(1)), null));

        String noExpiry = OidcServer.bearer(
                OidcServer.BANK, OidcServer.AUDIENCE, refused.get("without exp"), Duration.ofHours(1));
        assertThat(SignedJWT.parse(noExpiry.substring("Bearer ".length()))
                        .getJWTClaimsSet()
                        .getExpirationTime())
                .isNull();

        refused.forEach((what, claims) -> {
            Reply reply = api.call(
                    "GET",
                    "/api/account-openings?limit=1",
                    null,
                    null,
                    OidcServer.bearer(OidcServer.BANK, OidcServer.AUDIENCE, claims, Duration.ofHours(1)));
            assertThat(reply.status())
                    .as("a token " + what + ": " + reply.body())
                    .isEqualTo(401);
            assertThat(reply.json().path("detail").asText()).as(what).isEqualTo("invalid token");
        });
        accepted.forEach((what, claims) -> {
            Reply reply = api.call(
                    "GET",
                    "/api/account-openings?limit=1",
                    null,
                    null,
                    OidcServer.bearer(OidcServer.BANK, OidcServer.AUDIENCE, claims, Duration.ofHours(1)));
            assertThat(reply.status())
                    .as("a token " + what + ": " + reply.body())
                    .isEqualTo(200);
        });
    }

    @Test
    void groupsAreTakenExactlyAsTheTokenNamesThem() {
        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("a sentence naming the group", "Deny camunda-admin");
        refused.put("a name padded with blanks", List.of(" camunda-admin\t"));
        refused.put("two names in one string", "ops camunda-admin");
        Map<String, Object> granted = new LinkedHashMap<>();
        granted.put("the name as a string", "monitoring");
        granted.put("the name in a list", List.of("monitoring"));
        granted.put("a Keycloak group path", List.of("/bank/operations/monitoring"));

        refused.forEach(
                (what, groups) -> assertThat(scrape(groups).status()).as(what).isEqualTo(403));
        granted.forEach(
                (what, groups) -> assertThat(scrape(groups).status()).as(what).isEqualTo(200));
    }

    @Test
    void aTokenNamingALocalUserIsRefusedAndChangesNothing() {
        Reply profile = api.call(
                "PUT",
                "/engine-rest/user/demo/profile",
                "application/json",
                Api.write(Map.of(
                        "id", "demo", "firstName", "Taken", "lastName", "Over", "email", "attacker@example.com")),
                OidcServer.bearer("demo", List.of("onboarding")));
        Reply deleted = api.call(
                "DELETE",
                "/engine-rest/user/" + SERVICE_ACCOUNT,
                null,
                null,
                OidcServer.bearer(SERVICE_ACCOUNT, List.of("onboarding")));

        for (Reply reply : List.of(profile, deleted)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.json().path("type").asText()).isEqualTo("AuthenticationException");
            assertThat(reply.json().path("message").asText()).isEqualTo("invalid token");
        }
        assertThat(api.call("GET", "/engine-rest/user/demo/profile", null, null, ADMIN_AUTH)
                        .json()
                        .path("firstName")
                        .asText())
                .isEqualTo("Demo");
        assertThat(api.call("GET", "/engine-rest/user/" + SERVICE_ACCOUNT + "/profile", null, null, ADMIN_AUTH)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aWebappLoginAsALocalUserIsRefused(CapturedOutput log) {
        WebappLogin browser = new WebappLogin(api.baseUrl());

        HttpResponse<String> callback = browser.logIn("demo", "{\"preferred_username\": \"demo\", \"groups\": []}");

        assertThat(WebappLogin.location(callback)).contains("error");
        assertThat(browser.sessionUser()).isNull();
        assertThat(log.getOut()
                        .lines()
                        .filter(line -> line.contains("WARN") && line.contains("'demo', a local Camunda user")))
                .hasSize(1);
    }

    @Test
    void aNewLoginReplacesTheGroupsOfTheOldOne() {
        WebappLogin browser = new WebappLogin(api.baseUrl());
        browser.logIn("sso-chief", "{\"preferred_username\": \"sso-chief\", \"groups\": [\"camunda-admin\"]}");
        assertThat(apps(browser, "cockpit")).contains("admin");

        // The identity provider has since moved the user to ops only; they log in again in the same browser.
        browser.logIn("sso-chief", "{\"preferred_username\": \"sso-chief\", \"groups\": [\"ops\"]}");

        assertThat(apps(browser, "cockpit")).contains("cockpit", "tasklist").doesNotContain("admin");
    }

    @Test
    void aWebappSessionEndsWithItsIdToken() {
        WebappLogin browser = new WebappLogin(api.baseUrl());
        long expiry = Instant.now().plusSeconds(8).getEpochSecond();
        browser.logIn(
                "sso-brief", "{\"preferred_username\": \"sso-brief\", \"groups\": [\"ops\"], \"exp\": " + expiry + "}");
        assertThat(apps(browser, "cockpit")).contains("cockpit");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.get("/camunda/app/cockpit/default/").statusCode() != 200
                        && browser.sessionUser() == null);
        assertThat(WebappLogin.location(browser.get("/camunda/app/cockpit/default/")))
                .contains("/oauth2/authorization/bank");
    }

    @Test
    void loggingOutTakesAPostWithTheCsrfToken() {
        WebappLogin browser = new WebappLogin(api.baseUrl());
        browser.logIn("sso-leaver", "{\"preferred_username\": \"sso-leaver\", \"groups\": [\"ops\"]}");
        assertThat(apps(browser, "cockpit")).contains("cockpit");

        HttpResponse<String> forgedWebappLogout = browser.post("/camunda/api/admin/auth/user/default/logout", false);
        assertThat(forgedWebappLogout.statusCode()).isEqualTo(403);
        assertThat(forgedWebappLogout.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(forgedWebappLogout.body()).contains("X-XSRF-TOKEN");
        assertThat(browser.sessionUser())
                .as("after a webapp logout without the CSRF token")
                .isNotNull();
        browser.get("/logout");
        assertThat(browser.sessionUser()).as("after GET /logout").isNotNull();
        browser.post("/logout", false);
        assertThat(browser.sessionUser())
                .as("after POST /logout without the CSRF token")
                .isNotNull();

        HttpResponse<String> webappLogout = browser.post("/camunda/api/admin/auth/user/default/logout", true);
        assertThat(webappLogout.statusCode()).isEqualTo(200);
        assertThat(browser.sessionUser()).isNull();
    }

    @Test
    void redirectsAreBuiltFromThePublicUrlNotTheHostHeader() {
        int port = java.net.URI.create(api.baseUrl()).getPort();
        String publicUrl = api.baseUrl();

        Map<String, String> login =
                WebappLogin.withHostHeader(port, "GET", "/oauth2/authorization/bank", "evil.example", Map.of());
        assertThat(login.get("status")).contains("302");
        assertThat(query(login.get("location"), "redirect_uri")).isEqualTo(publicUrl + "/login/oauth2/code/bank");

        WebappLogin browser = new WebappLogin(api.baseUrl());
        browser.logIn("sso-away", "{\"preferred_username\": \"sso-away\", \"groups\": [\"ops\"]}");
        String csrf = browser.csrfToken();
        Map<String, String> logout = WebappLogin.withHostHeader(
                port,
                "POST",
                "/logout",
                "evil.example",
                Map.of("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID"), "X-XSRF-TOKEN", csrf));
        assertThat(logout.get("status")).contains("302");
        assertThat(logout.get("location")).startsWith(OidcServer.issuer());
        assertThat(query(logout.get("location"), "post_logout_redirect_uri")).isEqualTo(publicUrl + "/camunda/app/");
        assertThat(browser.sessionUser()).isNull();
    }

    @Test
    void aRefusedTokenIsAnInvalidTokenToTheClientAndTheReasonIsLogged(CapturedOutput log) {
        Map<String, Object> claims = OidcServer.claims("sso-onboarding", List.of("onboarding"));
        claims.put("iss", OidcServer.issuer()); // the bank's issuer, signed with a key the bank never published
        String forged = OidcServer.bearer(OidcServer.FOREIGN, OidcServer.AUDIENCE, claims, Duration.ofHours(1));

        Reply engine = api.call("GET", "/engine-rest/process-definition", null, null, forged);
        Reply ours = api.call("GET", "/api/account-openings?limit=1", null, null, forged);

        assertThat(engine.status()).isEqualTo(401);
        assertThat(engine.json().path("type").asText()).isEqualTo("AuthenticationException");
        assertThat(engine.json().path("message").asText()).isEqualTo("invalid token");
        assertThat(ours.status()).isEqualTo(401);
        assertThat(ours.contentType()).startsWith("application/problem+json");
        assertThat(ours.json().path("detail").asText()).isEqualTo("invalid token");
        for (Reply reply : List.of(engine, ours)) {
            assertThat(reply.headers().get("WWW-Authenticate"))
                    .anySatisfy(h -> assertThat(h).startsWith("Bearer"))
                    .allSatisfy(
                            h -> assertThat(h).doesNotContainIgnoringCase("key").doesNotContain("Jwt"));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log.getOut()
                                .lines()
                                .filter(line -> line.contains("WARN")
                                        && line.contains("/api/account-openings")
                                        && line.contains("no matching key"))
                                .count()
                        == 1);
    }

    private Reply scrape(Object groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", "sso-scraper");
        claims.put("groups", groups);
        return api.call(
                "GET",
                "/actuator/prometheus",
                null,
                null,
                OidcServer.bearer(OidcServer.BANK, OidcServer.AUDIENCE, claims, Duration.ofHours(1)));
    }

    /** The claims of an onboarding token with these times; a null leaves the claim out. */
    private static Map<String, Object> times(Instant expiresAt, Instant issuedAt) {
        Map<String, Object> claims = OidcServer.claims("sso-onboarding", List.of("onboarding"));
        claims.put("exp", expiresAt == null ? null : expiresAt.getEpochSecond());
        claims.put("iat", issuedAt == null ? null : issuedAt.getEpochSecond());
        claims.put("nbf", null);
        return claims;
    }

    /** The apps the webapps grant this browser's session, after it opened one of them as a user does. */
    private static List<String> apps(WebappLogin browser, String app) {
        assertThat(browser.get("/camunda/app/" + app + "/default/").statusCode())
                .isEqualTo(200);
        String session = browser.sessionUser();
        assertThat(session).as("a logged-in session").isNotNull();
        JsonNode json = new Reply(200, "application/json", session, Map.of()).json();
        return StreamSupport.stream(json.path("authorizedApps").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static String query(String url, String name) {
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
