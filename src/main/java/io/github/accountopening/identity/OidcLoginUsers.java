package io.github.accountopening.identity;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A login through the identity provider becomes the user and groups its claims name, as a bearer token
 * does, and is refused in the name of a local Camunda user likewise.
 */
class OidcLoginUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final IdentityProperties properties;
    private final IdentityService identity;

    OidcLoginUsers(IdentityProperties properties, IdentityService identity) {
        this.properties = properties;
        this.identity = identity;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        TokenUsers.singleSignOnUser(user.getClaims(), properties, identity, "the identity provider's login");
        return new DefaultOidcUser(
                TokenClaims.groups(user.getClaims(), properties),
                user.getIdToken(),
                user.getUserInfo(),
                properties.userClaim());
    }
}
