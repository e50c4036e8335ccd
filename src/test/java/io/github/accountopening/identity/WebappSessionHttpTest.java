package io.github.accountopening.identity;

import static io.github.accountopening.identity.Roles.ANALYSTS;
import static io.github.accountopening.identity.Roles.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cockpit reads the account record with the logged-in user's own session: a webapp session of ops
 * reads {@code /api/account-openings}, an analyst's is refused, and a session never writes without
 * credentials of its own.
 */
@HttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebappSessionHttpTest {

    private static final String ADMIN_AUTH = Api.basic("demo", "demo");

    @Autowired
    Api api;

    private String requestId;

    /** Before each test, not all: only then is this application's engine the one Camunda's REST API finds. */
    @BeforeEach
    void usersAndAnOpening() {
        if (requestId != null) {
            return;
        }
        for (String[] user : new String[][] {{"sessionops", OPS}, {"sessionanalyst", ANALYSTS}}) {
            Api.Reply created = api.call(
                    "POST",
                    "/engine-rest/user/create",
                    "application/json",
                    Api.write(Map.of(
                            "profile", Map.of("id", user[0], "firstName", user[1], "lastName", "Session"),
                            "credentials", Map.of("password", user[0] + "-password"))),
                    ADMIN_AUTH);
            assertThat(created.status()).as(created.body()).isEqualTo(204);
            assertThat(api.call("PUT", "/engine-rest/group/" + user[1] + "/members/" + user[0], null, null, ADMIN_AUTH)
                            .status())
                    .isEqualTo(204);
        }
        String opening = Api.newRequestId();
        assertThat(api.start(opening, "C-session", "NL", "COMPANY", "Session B.V. [stuck]")
                        .status())
                .isEqualTo(200);
        requestId = opening;
    }

    @Test
    void opsReadsTheRecordAndItsTrailWithTheCockpitSession() throws Exception {
        Session ops = Session.loggedIn(api, "sessionops");

        HttpResponse<String> record = ops.get("/api/account-openings/" + requestId);
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        assertThat(json(record).path("requestId").asText()).isEqualTo(requestId);
        HttpResponse<String> events = ops.get("/api/account-openings/" + requestId + "/events");
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        assertThat(json(events).isArray()).isTrue();
    }

    @Test
    void anAnalystsSessionIsRefused() throws Exception {
        HttpResponse<String> record = Session.loggedIn(api, "sessionanalyst").get("/api/account-openings/" + requestId);

        assertThat(record.statusCode()).as(record.body()).isEqualTo(403);
        assertThat(record.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(record).path("detail").asText()).contains("sessionanalyst", "ops");
    }

    @Test
    void withoutASessionOrCredentialsTheAnswerIs401() throws Exception {
        HttpResponse<String> record = Session.anonymous(api).get("/api/account-openings/" + requestId);

        assertThat(record.statusCode()).isEqualTo(401);
        assertThat(record.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aPageWhoseSessionEndedGetsNoBrowserLoginPrompt() throws Exception {
        HttpResponse<String> record =
                Session.anonymous(api).get("/api/account-openings/" + requestId, "X-Requested-With", "XMLHttpRequest");

        assertThat(record.statusCode()).isEqualTo(401);
        assertThat(record.headers().allValues("WWW-Authenticate"))
                .as("a Basic challenge opens the browser's own login dialog")
                .noneMatch(challenge -> challenge.startsWith("Basic"));
    }

    @Test
    void aSessionCookieAloneWritesNothing() throws Exception {
        Session ops = Session.loggedIn(api, "sessionops");

        HttpResponse<String> sandbox = ops.post(
                "/company/account-opening/set-status-sandbox",
                Api.write(Map.of(
                        "accountOpeningRequestId",
                        requestId,
                        "status",
                        "REJECTED",
                        "reason",
                        "forged from a web page")));

        assertThat(sandbox.statusCode()).as(sandbox.body()).isEqualTo(401);
        assertThat(api.record(requestId).json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.events(requestId).json().findValuesAsText("source")).doesNotContain("SANDBOX");
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    /** A browser's cookie jar, logged in to Cockpit through its own login form, or not at all. */
    private record Session(HttpClient http, String base) {

        static Session anonymous(Api api) {
            return new Session(
                    HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), api.baseUrl());
        }

        static Session loggedIn(Api api, String user) throws Exception {
            CookieManager cookies = new CookieManager();
            Session session =
                    new Session(HttpClient.newBuilder().cookieHandler(cookies).build(), api.baseUrl());
            session.http.send(
                    HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/cockpit/default/"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String csrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow();
            int login = session.http
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            session.base + "/camunda/api/admin/auth/user/default/login/cockpit"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("X-XSRF-TOKEN", csrf)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "username=" + user + "&password=" + user + "-password"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(login).as("login of " + user).isEqualTo(200);
            return session;
        }

        HttpResponse<String> get(String path, String... headers) throws Exception {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
