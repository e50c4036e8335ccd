package io.github.accountopening.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refused properties one per line instead of a stack trace. */
class UnsafeProductionConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<UnsafeProductionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set each property named above (README, section Production), then start again.",
                cause);
    }
}
