package io.github.accountopening.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.accountopening.AccountOpeningApplication;
import io.github.accountopening.support.FreePortInitializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without a webhook secret no delivery could be verified: the application does not start, and says why in one line. */
@ExtendWith(OutputCaptureExtension.class)
class EmptyWebhookSecretTest {

    @ParameterizedTest(name = "nexusbank.webhook-secret=''{0}''")
    @ValueSource(strings = {"", "whsec_"})
    void refusesToStartNamingTheProperty(String secret, CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AccountOpeningApplication.class)
                .run("--nexusbank.webhook-secret=" + secret, "--server.port=" + FreePortInitializer.freePort()));

        assertThat(output.getAll())
                .contains(
                        "APPLICATION FAILED TO START",
                        "nexusbank.webhook-secret is empty: no NexusBank webhook could be verified")
                .doesNotContain("\tat com.standardwebhooks", "\tat io.github.accountopening");
    }
}
