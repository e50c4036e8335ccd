package io.github.accountopening.config;

import java.util.List;

/** Profile {@code prod} started with development settings; each problem names one property. */
public class UnsafeProductionConfigurationException extends IllegalStateException {

    private final List<String> problems;

    public UnsafeProductionConfigurationException(List<String> problems) {
        super("Profile prod refuses to start with development settings:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
