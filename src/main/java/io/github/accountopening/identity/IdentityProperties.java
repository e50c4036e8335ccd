package io.github.accountopening.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code account-opening.security.*}: which token claims name the user and the groups, how a string
 * groups claim is split (not at all by default), the longest lifetime a bearer token may claim, and
 * whether HTTP Basic with Camunda users is still accepted (service accounts) beside bearer tokens.
 */
@ConfigurationProperties("account-opening.security")
record IdentityProperties(
        @DefaultValue("preferred_username") String userClaim,
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue("") String groupsDelimiter,
        @DefaultValue("PT2H") Duration maxTokenLifetime,
        @DefaultValue("true") boolean basicEnabled) {}
