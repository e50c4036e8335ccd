package io.github.accountopening.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.accountopening.support.Api;
import io.github.accountopening.support.FromAddress;
import io.github.accountopening.support.FromAddress.Answer;
import io.github.accountopening.support.HttpTest;
import java.net.HttpCookie;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Wrong passwords are throttled per client address and user, and never lock the account: a service
 * account's callers keep working while someone elsewhere guesses its password. Requests come from
 * several loopback addresses; 127.0.0.3 plays the load balancer, the only proxy trusted here.
 */
@HttpTest
class LoginThrottleHttpTest {

    private static final String PROXY = "127.0.0.3";
    private static final String ENGINE_PATH = "/engine-rest/process-definition/key/account-opening";
    private static final String API_PATH = "/api/account-openings?limit=1";

    @DynamicPropertySource
    static void behindOneTrustedProxy(DynamicPropertyRegistry registry) {
        registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.3");
        // A database of its own: the service accounts made here stay here.
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @Autowired
    Api api;

    @Value("${server.port}")
    int port;

    @Test
    void wrongPasswordsFromOneAddressAreRefusedThereWhileTheRightOneFromAnotherWorksAtOnce() {
        String user = serviceAccount();
        FromAddress attacker = new FromAddress("127.0.0.2", port);
        FromAddress onboarding = new FromAddress("127.0.0.1", port);

        assertThat(attacker.get(ENGINE_PATH, basic(user, "guess-0")).status()).isEqualTo(401);
        assertThat(onboarding.get(ENGINE_PATH, basic(user, password(user))).status())
                .as("the right password right after a wrong one from elsewhere")
                .isEqualTo(200);

        for (int i = 1; i < 5; i++) {
            assertThat(attacker.get(ENGINE_PATH, basic(user, "guess-" + i)).status())
                    .isEqualTo(401);
        }
        Answer throttled = attacker.get(ENGINE_PATH, basic(user, password(user)));
        assertThat(throttled.status())
                .as("the sixth try from that address, even with the right password")
                .isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 300);
        assertThat(throttled.header("Content-Type")).startsWith("application/json");
        assertThat(throttled.body())
                .contains("\"type\":")
                .contains("\"message\":")
                .contains(user);

        Answer throttledApi = attacker.get(API_PATH, basic(user, "guess-6"));
        assertThat(throttledApi.status()).isEqualTo(429);
        assertThat(throttledApi.header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttledApi.header("Retry-After")).isNotNull();

        assertThat(onboarding.get(ENGINE_PATH, basic(user, password(user))).status())
                .isEqualTo(200);
        assertThat(onboarding.get(API_PATH, basic(user, password(user))).status())
                .isEqualTo(200);
        assertThat(attacker.get(ENGINE_PATH, basic("demo", "demo")).status())
                .as("another user from the same address")
                .isEqualTo(200);

        String metrics = api.get("/actuator/prometheus", "demo", "demo").body();
        assertThat(metrics)
                .containsPattern(
                        "account_opening_login_failures_total\\{[^}]*outcome=\"wrong_credentials\"[^}]*} [1-9]")
                .containsPattern("account_opening_login_failures_total\\{[^}]*outcome=\"throttled\"[^}]*} [1-9]");
    }

    @Test
    void tenWrongPasswordsSpreadOverTimeNeverLockTheAccount() {
        String user = serviceAccount();
        FromAddress onboarding = new FromAddress("127.0.0.1", port);
        try {
            for (int i = 0; i < 12; i++) {
                // each from another address and a minute after the last: what Camunda counted towards its permanent
                // lock
                Answer wrong = new FromAddress("127.0.1." + (i + 1), port).get(ENGINE_PATH, basic(user, "guess-" + i));
                assertThat(wrong.status()).isEqualTo(401);
                ClockUtil.offset((i + 1) * 61_000L);
            }
            assertThat(onboarding.get(ENGINE_PATH, basic(user, password(user))).status())
                    .as("the right password after twelve wrong ones over twelve minutes")
                    .isEqualTo(200);
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void theWebappLoginFormIsThrottledTheSameWay() {
        String user = serviceAccount();
        assertThat(api.call(
                                "PUT",
                                "/engine-rest/group/" + Roles.OPS + "/members/" + user,
                                null,
                                null,
                                Api.basic("demo", "demo"))
                        .status())
                .as("a person of ops, who logs in to Cockpit")
                .isEqualTo(204);
        FromAddress attacker = new FromAddress("127.0.0.4", port);
        for (int i = 0; i < 5; i++) {
            assertThat(webappLogin(attacker, user, "guess-" + i).status()).isEqualTo(401);
        }
        Answer throttled = webappLogin(attacker, user, password(user));
        assertThat(throttled.status())
                .as("the right password, from the address that guessed")
                .isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 300);
        assertThat(throttled.body())
                .contains("\"type\":\"AuthenticationException\"")
                .contains(user);
        assertThat(webappLogin(new FromAddress("127.0.0.1", port), user, password(user))
                        .status())
                .as("the webapps' login from another address")
                .isEqualTo(200);
        assertThat(new FromAddress("127.0.0.1", port)
                        .get(ENGINE_PATH, basic(user, password(user)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aLoginFormPaddedPastTheLimitIsRefusedNotWaivedThrough() {
        String user = serviceAccount();
        FromAddress attacker = new FromAddress("127.0.0.7", port);
        Answer padded = webappLogin(attacker, user, "guess&padding=" + "x".repeat(9000));

        assertThat(padded.status()).as(padded.body()).isEqualTo(413);
        assertThat(padded.body()).contains("at most 8192 bytes");
    }

    @Test
    void aLoginWithItsUserNameInTheQueryIsRefusedNotCountedElsewhere() {
        String user = serviceAccount();
        FromAddress attacker = new FromAddress("127.0.0.8", port);
        Answer page = attacker.get("/camunda/app/cockpit/default/", Map.of());
        List<HttpCookie> cookies = page.all("Set-Cookie").stream()
                .flatMap(c -> HttpCookie.parse(c).stream())
                .toList();
        String csrf = cookies.stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        Answer queried = attacker.send(
                "POST",
                "/camunda/api/admin/auth/user/default/login/cockpit?username=" + user + "&password=guess",
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-XSRF-TOKEN",
                        csrf,
                        "Cookie",
                        String.join(
                                "; ",
                                cookies.stream()
                                        .map(c -> c.getName() + "=" + c.getValue())
                                        .toList())),
                "");

        assertThat(queried.status()).as(queried.body()).isEqualTo(400);
        assertThat(queried.body()).contains("in the form body, not in the query");
    }

    @Test
    void theForwardedAddressCountsOnlyWhenATrustedProxySendsIt() {
        String user = serviceAccount();
        FromAddress proxy = new FromAddress(PROXY, port);

        // behind the proxy: each client address has its own count
        for (int i = 0; i < 5; i++) {
            assertThat(proxy.get(ENGINE_PATH, forwardedFor("198.51.100.7", basic(user, "guess-" + i)))
                            .status())
                    .isEqualTo(401);
        }
        assertThat(proxy.get(ENGINE_PATH, forwardedFor("198.51.100.7", basic(user, password(user))))
                        .status())
                .isEqualTo(429);
        assertThat(proxy.get(ENGINE_PATH, forwardedFor("198.51.100.8", basic(user, password(user))))
                        .status())
                .isEqualTo(200);

        // an untrusted client naming other addresses neither escapes its own count ...
        FromAddress spoofer = new FromAddress("127.0.0.5", port);
        for (int i = 0; i < 5; i++) {
            assertThat(spoofer.get(ENGINE_PATH, forwardedFor("198.51.100." + (20 + i), basic(user, "guess-" + i)))
                            .status())
                    .isEqualTo(401);
        }
        assertThat(spoofer.get(ENGINE_PATH, forwardedFor("198.51.100.30", basic(user, password(user))))
                        .status())
                .isEqualTo(429);
        // ... nor spends another's: 198.51.100.9 behind the proxy is untouched by the wrong passwords sent in its name
        FromAddress framer = new FromAddress("127.0.0.6", port);
        for (int i = 0; i < 6; i++) {
            framer.get(ENGINE_PATH, forwardedFor("198.51.100.9", basic(user, "guess-" + i)));
        }
        assertThat(proxy.get(ENGINE_PATH, forwardedFor("198.51.100.9", basic(user, password(user))))
                        .status())
                .isEqualTo(200);
    }

    /** A new Camunda user in group onboarding, as an administrator makes a service account. */
    private String serviceAccount() {
        String user = "svc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = Api.basic("demo", "demo");
        assertThat(api.call(
                                "POST",
                                "/engine-rest/user/create",
                                "application/json",
                                Api.write(Map.of(
                                        "profile", Map.of("id", user, "firstName", "Onboarding", "lastName", "Service"),
                                        "credentials", Map.of("password", password(user)))),
                                admin)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("PUT", "/engine-rest/group/" + Roles.ONBOARDING + "/members/" + user, null, null, admin)
                        .status())
                .isEqualTo(204);
        return user;
    }

    private static String password(String user) {
        return user + "-secret";
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", Api.basic(user, password));
    }

    private static Map<String, String> forwardedFor(String address, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Forwarded-For", address);
        return all;
    }

    /** The webapps' own login as the login page sends it, with the session's CSRF token, from the given address. */
    private static Answer webappLogin(FromAddress from, String user, String password) {
        Answer page = from.get("/camunda/app/cockpit/default/", Map.of());
        List<HttpCookie> cookies = page.all("Set-Cookie").stream()
                .flatMap(c -> HttpCookie.parse(c).stream())
                .toList();
        String csrf = cookies.stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        String cookieHeader = String.join(
                "; ",
                cookies.stream().map(c -> c.getName() + "=" + c.getValue()).toList());
        return from.send(
                "POST",
                "/camunda/api/admin/auth/user/default/login/cockpit",
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-XSRF-TOKEN",
                        csrf,
                        "Cookie",
                        cookieHeader),
                "username=" + user + "&password=" + password);
    }
}
