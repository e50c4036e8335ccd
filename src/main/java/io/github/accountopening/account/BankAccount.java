package io.github.accountopening.account;

import org.iban4j.BicUtil;
import org.iban4j.CountryCode;
import org.iban4j.Iban;
import org.iban4j.Iban4jException;
import org.iban4j.IbanUtil;

/** An IBAN with its BIC, both checked on construction (IBAN format and mod-97 check digits, BIC format). */
public record BankAccount(String iban, String bic) {

    public BankAccount {
        if (iban == null || iban.isBlank()) {
            throw new InvalidBankAccountException("iban is missing");
        }
        if (bic == null || bic.isBlank()) {
            throw new InvalidBankAccountException("bic is missing");
        }
        iban = iban.replace(" ", "").toUpperCase();
        bic = bic.trim().toUpperCase();
        try {
            IbanUtil.validate(iban);
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
            throw new InvalidBankAccountException("no IBAN can be made up for market '" + market + "': " + e.getMessage());
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
