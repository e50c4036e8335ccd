package io.github.accountopening.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code account-opening.security.*}: which token claims name the user and the groups, and whether
 * HTTP Basic with Camunda users is still accepted (service accounts) beside bearer tokens.
 */
@ConfigurationProperties("account-opening.security")
record IdentityProperties(@DefaultValue("preferred_username") String userClaim,
                          @DefaultValue("groups") String groupsClaim,
                          @DefaultValue("true") boolean basicEnabled) {
}
