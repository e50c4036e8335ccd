package io.github.accountopening.process;

import io.github.accountopening.account.BankAccount;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** What ops decided in the escalation task: {@code RETRY}, {@code REJECT}, or {@code MANUAL} with IBAN and BIC. */
record OpsResolution(Kind kind, @Nullable BankAccount account) {

    enum Kind {
        RETRY,
        REJECT,
        MANUAL
    }

    /** Parses the task's variables; the message of the exception names the field to correct. */
    static OpsResolution parse(@Nullable Object resolution, @Nullable Object iban, @Nullable Object bic) {
        if (resolution == null) {
            throw new IllegalArgumentException("variable 'resolution' is missing: complete the task with one of "
                    + Arrays.toString(Kind.values()));
        }
        Kind kind = Arrays.stream(Kind.values())
                .filter(k -> k.name().equals(resolution))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "resolution must be one of " + Arrays.toString(Kind.values()) + ", was '" + resolution + "'"));
        if (kind != Kind.MANUAL) {
            return new OpsResolution(kind, null);
        }
        return new OpsResolution(
                kind, BankAccount.of(iban == null ? null : iban.toString(), bic == null ? null : bic.toString()));
    }
}
