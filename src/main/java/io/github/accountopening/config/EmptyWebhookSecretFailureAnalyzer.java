package io.github.accountopening.config;

import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Every webhook secret of the application comes from {@code nexusbank.webhook-secret}, so an empty one
 * is reported by that name in one line instead of a stack trace through the beans that read it.
 */
class EmptyWebhookSecretFailureAnalyzer extends AbstractFailureAnalyzer<EmptyWebhookSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmptyWebhookSecretException cause) {
        return new FailureAnalysis(
                "nexusbank.webhook-secret is empty: no NexusBank webhook could be verified",
                "Set NEXUSBANK_WEBHOOKSECRET to NexusBank's whsec_... secret (during a rotation, old and new separated"
                        + " by a comma; README, section Production), then start again.",
                cause);
    }
}
