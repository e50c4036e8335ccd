package io.github.accountopening.support;

import com.nimbusds.jose.JOSEObjectType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect server (discovery, keys, tokens, login page) for the tests, one per test JVM,
 * with two issuers: the bank's, which the application trusts, and a foreign one.
 */
public final class OidcServer {

    public static final String BANK = "bank";
    public static final String FOREIGN = "elsewhere";
    public static final String AUDIENCE = "account-opening";

    private static MockOAuth2Server server;

    private OidcServer() {}

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            // Its login page asks who is logging in and which claims to send, as a real one would know.
            server = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
            server.start(FreePortInitializer.freePort());
        }
        return server;
    }

    public static String issuer() {
        return server().issuerUrl(BANK).toString();
    }

    /** A bearer token of the bank's issuer naming this user and these groups, valid for an hour. */
    public static String bearer(String user, List<String> groups) {
        return bearer(BANK, AUDIENCE, claims(user, groups), Duration.ofHours(1));
    }

    public static String bearer(String issuer, String audience, Map<String, Object> claims, Duration validFor) {
        String token = server().issueToken(
                        issuer,
                        "onboarding-service",
                        new DefaultOAuth2TokenCallback(
                                issuer,
                                String.valueOf(claims.getOrDefault("preferred_username", "someone")),
                                JOSEObjectType.JWT.getType(),
                                List.of(audience),
                                claims,
                                validFor.toSeconds()))
                .serialize();
        return "Bearer " + token;
    }

    public static Map<String, Object> claims(String user, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", user);
        claims.put("groups", groups);
        return claims;
    }
}
