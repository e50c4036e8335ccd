package io.github.accountopening.identity;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A verified bearer token becomes the user and groups its claims name. */
class TokenUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final IdentityProperties properties;

    TokenUsers(IdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String user = TokenClaims.user(jwt.getClaims(), properties);
        if (user == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "the token has no claim '" + properties.userClaim() + "' naming the user", null));
        }
        return new JwtAuthenticationToken(jwt, TokenClaims.groups(jwt.getClaims(), properties), user);
    }
}
