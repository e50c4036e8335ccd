package io.github.accountopening.identity;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the user and the groups from a token's claims, for bearer tokens and for the webapps' login
 * alike, so Camunda's authorization checks see exactly the groups the identity provider sent.
 */
final class TokenClaims {

    private TokenClaims() {
    }

    /** The user id, or null when the token does not carry the claim. */
    static String user(Map<String, Object> claims, IdentityProperties properties) {
        Object user = claims.get(properties.userClaim());
        return user == null || user.toString().isBlank() ? null : user.toString();
    }

    /**
     * The groups as authorities: a JSON array of names (Keycloak, Okta, Entra ID) or one string of
     * names separated by commas or spaces. Keycloak's full group paths ({@code /ops}) count as {@code ops}.
     */
    static List<GrantedAuthority> groups(Map<String, Object> claims, IdentityProperties properties) {
        Object value = claims.get(properties.groupsClaim());
        List<String> names;
        if (value instanceof Collection<?> collection) {
            names = collection.stream().map(String::valueOf).toList();
        } else if (value instanceof String text) {
            names = Arrays.asList(text.split("[,\\s]+"));
        } else {
            names = List.of();
        }
        return names.stream().map(String::trim).map(n -> n.startsWith("/") ? n.substring(1) : n)
                .filter(n -> !n.isEmpty())
                .distinct()
                .map(n -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(n)))
                .toList();
    }
}
