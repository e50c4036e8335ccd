package io.github.accountopening.identity;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A login through the identity provider becomes the user and groups its claims name, as a bearer token does. */
class OidcLoginUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final IdentityProperties properties;

    OidcLoginUsers(IdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        if (TokenClaims.user(user.getClaims(), properties) == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "the identity provider sent no claim '" + properties.userClaim() + "' naming the user", null));
        }
        return new DefaultOidcUser(TokenClaims.groups(user.getClaims(), properties), user.getIdToken(),
                user.getUserInfo(), properties.userClaim());
    }
}
