package io.github.accountopening.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Admin webapp's first-run setup creates an administrator for anyone once {@code camunda-admin}
 * has no direct member (CVE-2026-77226), as when administrators sign in by single sign-on and the
 * bootstrap user was removed. Here the first administrator comes from configuration, so the setup
 * is refused whatever the group holds.
 */
@HttpTest
class AdminSetupHttpTest {

    static final String INTRUDER = "setupintruder";

    @Autowired
    Api api;

    @Autowired
    IdentityService identity;

    List<String> administrators;

    @BeforeEach
    void emptyTheAdministratorGroup() {
        administrators = identity.createUserQuery().memberOfGroup(Roles.ADMIN).list().stream()
                .map(User::getId)
                .toList();
        administrators.forEach(user -> identity.deleteMembership(user, Roles.ADMIN));
        assertThat(identity.createUserQuery().memberOfGroup(Roles.ADMIN).count())
                .isZero();
    }

    @AfterEach
    void restoreIt() {
        identity.createUserQuery()
                .memberOfGroup(Roles.ADMIN)
                .list()
                .forEach(user -> identity.deleteMembership(user.getId(), Roles.ADMIN));
        administrators.forEach(user -> identity.createMembership(user, Roles.ADMIN));
        if (identity.createUserQuery().userId(INTRUDER).count() > 0) {
            identity.deleteUser(INTRUDER);
        }
    }

    @Test
    void theFirstRunSetupIsRefusedEvenWithNoAdministratorLeft() throws Exception {
        // as the Admin webapp's setup page sends it: in its session, with its CSRF token
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/camunda/app/admin/default/"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();

        HttpResponse<String> setup = browser.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/camunda/api/admin/setup/default/user/create"))
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"profile": {"id": "%s", "firstName": "Set", "lastName": "Up", "email": "setup@example.com"},
                         "credentials": {"password": "a-password-of-my-own"}}""".formatted(INTRUDER)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(setup.body()).contains("camunda.bpm.admin-user");
        assertThat(identity.createUserQuery().userId(INTRUDER).count())
                .as("no user was created")
                .isZero();
        assertThat(identity.createUserQuery().memberOfGroup(Roles.ADMIN).count())
                .isZero();
    }
}
