package io.github.accountopening.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a groups claim becomes groups: each name exactly as written, split only where a delimiter is configured. */
class TokenClaimsTest {

    private static List<String> groups(Object claim, String delimiter) {
        IdentityProperties properties =
                new IdentityProperties("preferred_username", "groups", delimiter, Duration.ofHours(2), true);
        return Roles.groups(TokenClaims.groups(Map.of("groups", claim), properties));
    }

    @Test
    void aStringIsOneGroupWithoutADelimiter() {
        assertThat(groups("Deny camunda-admin", "")).containsExactly("Deny camunda-admin");
        assertThat(groups("ops,analysts", "")).containsExactly("ops,analysts");
    }

    @Test
    void aConfiguredDelimiterSplitsAStringAndNothingIsTrimmed() {
        assertThat(groups("ops,analysts", ",")).containsExactly("ops", "analysts");
        assertThat(groups("ops, analysts", ",")).containsExactly("ops", " analysts");
        assertThat(groups("ops analysts", " ")).containsExactly("ops", "analysts");
    }

    @Test
    void listEntriesAreTakenExactlyAndKeycloakPathsCountAsTheirLastSegment() {
        assertThat(groups(List.of(" camunda-admin\t", "ops", "/org/monitoring", "/analysts"), ""))
                .containsExactly(" camunda-admin\t", "ops", "monitoring", "analysts");
        assertThat(groups(List.of("ops", 42, Map.of("name", "camunda-admin")), ""))
                .containsExactly("ops");
    }
}
