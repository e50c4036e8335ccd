package io.github.accountopening.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What Spring's own checks leave open: a bearer token must expire ({@code exp}), may not claim to be
 * issued later than the clock skew allows ({@code iat}), and may not live longer than
 * {@code max-token-lifetime} (from {@code iat}, or from now when it has none), so a leaked token is
 * worth little for long.
 */
class TokenLifetime implements OAuth2TokenValidator<Jwt> {

    /** Spring Security's own allowance for clocks that disagree, used for {@code exp} and {@code nbf} too. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Duration maxLifetime;
    private final Clock clock;

    TokenLifetime(Duration maxLifetime, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant now = clock.instant();
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt == null) {
            return invalid("the token has no expiry (exp)");
        }
        // Spring fills a missing iat in as exp - 1 s; such a token counts from now, as one without iat.
        Instant issuedAt = expiresAt.minusSeconds(1).equals(token.getIssuedAt()) ? null : token.getIssuedAt();
        if (issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return invalid("the token is issued in the future (iat " + issuedAt + ")");
        }
        Duration lifetime = Duration.between(issuedAt == null ? now : issuedAt, expiresAt);
        if (lifetime.compareTo(maxLifetime) > 0) {
            return invalid("the token lives " + lifetime + ", longer than account-opening.security.max-token-lifetime "
                    + maxLifetime);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String reason) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, reason, null));
    }
}
