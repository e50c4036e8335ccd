package io.github.accountopening.account;

import java.util.Locale;
import org.iban4j.BicUtil;
import org.iban4j.CountryCode;
import org.iban4j.Iban;
import org.iban4j.Iban4jException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.jspecify.annotations.Nullable;

/** An IBAN with its BIC, both checked on construction (IBAN format and mod-97 check digits, BIC format). */
public record BankAccount(String iban, String bic) {

    /** From values that may be absent, as a webhook or a task sends them: a missing one is refused as missing. */
    public static BankAccount of(@Nullable String iban, @Nullable String bic) {
        return new BankAccount(iban == null ? "" : iban, bic == null ? "" : bic);
    }

    public BankAccount {
        if (iban == null || iban.isBlank()) {
            throw new InvalidBankAccountException("iban is missing");
        }
        if (bic == null || bic.isBlank()) {
            throw new InvalidBankAccountException("bic is missing");
        }
        // As printed (NL91 ABNA 0417 1643 00) or typed in lower case: the same account.
        iban = iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        bic = bic.strip().toUpperCase(Locale.ROOT);
        try {
            IbanUtil.validate(iban);
        } catch (InvalidCheckDigitException e) {
            // Never the digits that would pass: a wrong IBAN is checked with NexusBank, not guessed at.
            throw new InvalidBankAccountException("iban '" + iban + "' is not valid: its check digits do not match the"
                    + " rest of the number, so one of its characters is wrong; compare it with NexusBank's record");
        } catch (Iban4jException e) {
            throw new InvalidBankAccountException("iban '" + iban + "' is not valid: " + e.getMessage());
        }
        try {
            BicUtil.validate(bic);
        } catch (Iban4jException e) {
            throw new InvalidBankAccountException("bic '" + bic + "' is not valid: " + e.getMessage());
        }
    }

    /** A valid made-up account in the market's country, for the sandbox and the simulators. */
    public static BankAccount madeUpFor(String market) {
        CountryCode country = CountryCode.getByCode(market);
        if (country == null) {
            throw new InvalidBankAccountException("no IBAN can be made up for market '" + market + "'");
        }
        try {
            return new BankAccount(Iban.random(country).toString(), madeUpBic(market));
        } catch (Iban4jException e) {
            throw new InvalidBankAccountException(
                    "no IBAN can be made up for market '" + market + "': " + e.getMessage());
        }
    }

    /** NexusBank's BIC in the market's country. */
    public static String madeUpBic(String market) {
        return "NXBK" + market + "2A";
    }

    /** Thrown for an IBAN or BIC that a bank would refuse; its message names the field. */
    public static class InvalidBankAccountException extends IllegalArgumentException {
        public InvalidBankAccountException(String message) {
            super(message);
        }
    }
}
