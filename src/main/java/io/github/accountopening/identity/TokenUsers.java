package io.github.accountopening.identity;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified bearer token becomes the user and groups its claims name. Token users and Camunda's own
 * users never share an identity: a token naming a local user (demo, a service account) would act with
 * that user's own rights on itself, so it is refused.
 */
class TokenUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final IdentityProperties properties;
    private final IdentityService identity;

    TokenUsers(IdentityProperties properties, IdentityService identity) {
        this.properties = properties;
        this.identity = identity;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String user = singleSignOnUser(jwt.getClaims(), properties, identity, "the token");
        return new JwtAuthenticationToken(jwt, TokenClaims.groups(jwt.getClaims(), properties), user);
    }

    /** The user the claims name, refused when there is none or when it is a local Camunda user. */
    static String singleSignOnUser(
            Map<String, Object> claims, IdentityProperties properties, IdentityService identity, String source) {
        String user = TokenClaims.user(claims, properties);
        if (user == null) {
            throw invalid(source + " has no claim '" + properties.userClaim() + "' naming the user");
        }
        if (identity.createUserQuery().userId(user).count() > 0) {
            throw invalid(source + " names '" + user + "', a local Camunda user, which single sign-on never acts as");
        }
        return user;
    }

    private static OAuth2AuthenticationException invalid(String reason) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, reason, null), reason);
    }
}
