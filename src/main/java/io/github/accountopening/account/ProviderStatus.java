package io.github.accountopening.account;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A status as NexusBank reports it. The rank orders them: a report never moves a record to a lower rank. */
public enum ProviderStatus {
    INITIATED(1),
    IN_PROGRESS(2),
    COMPLETED(3),
    REJECTED(3);

    private final int rank;

    ProviderStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED;
    }

    public static Optional<ProviderStatus> parse(@Nullable String value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }

    public static String names() {
        return Arrays.toString(values());
    }
}
