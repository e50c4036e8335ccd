package io.github.accountopening.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads the user and the groups from a token's claims, for bearer tokens and for the webapps' login
 * alike, so Camunda's authorization checks see exactly the groups the identity provider sent.
 */
final class TokenClaims {

    private TokenClaims() {}

    /** The user id, or null when the token does not carry the claim. */
    static @Nullable String user(Map<String, Object> claims, IdentityProperties properties) {
        Object user = claims.get(properties.userClaim());
        return user == null || user.toString().isBlank() ? null : user.toString();
    }

    /**
     * The groups as authorities, each name exactly as the token spells it: nothing is trimmed or split
     * into power. A JSON array of names (Keycloak, Okta, Entra ID), or one string that is one name unless
     * {@code groups-delimiter} is set. A Keycloak group path ({@code /org/ops}) counts as its last
     * segment ({@code ops}), as with Keycloak's "full group path" off.
     */
    static List<GrantedAuthority> groups(Map<String, Object> claims, IdentityProperties properties) {
        Object value = claims.get(properties.groupsClaim());
        List<String> names;
        if (value instanceof Collection<?> collection) {
            names = collection.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        } else if (value instanceof String text) {
            String delimiter = properties.groupsDelimiter();
            names = delimiter == null || delimiter.isEmpty()
                    ? List.of(text)
                    : List.of(text.split(Pattern.quote(delimiter), -1));
        } else {
            names = List.of();
        }
        return names.stream()
                .map(n -> n.startsWith("/") ? n.substring(n.lastIndexOf('/') + 1) : n)
                .filter(n -> !n.isEmpty())
                .distinct()
                .map(n -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(n)))
                .toList();
    }
}
