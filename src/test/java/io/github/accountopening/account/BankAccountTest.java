package io.github.accountopening.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BankAccountTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NL91ABNA0417164300",
                "BE68539007547034",
                "DE89370400440532013000",
                "nl91 abna 0417 1643 00",
                "NL91 ABNA 0417 1643 00",
                " NL91\tABNA 0417 1643 00 "
            })
    void acceptsRealExampleIbansAsPrintedAndStoresThemInOneBlock(String iban) {
        BankAccount account = new BankAccount(iban, " abnanl2a ");

        assertThat(account.iban()).isEqualTo(iban.replaceAll("\\s", "").toUpperCase());
        assertThat(account.bic()).isEqualTo("ABNANL2A");
    }

    @Test
    void aWrongCheckDigitSaysWhatToCheckButNotWhichDigitsWouldPass() {
        assertThatThrownBy(() -> new BankAccount("NL92 ABNA 0417 1643 00", "ABNANL2A"))
                .hasMessageContaining("check digits do not match")
                .hasMessageContaining("compare it with NexusBank's record")
                .hasMessageNotContaining("91")
                .hasMessageNotContaining("expected");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NL92ABNA0417164300",
                "BE69539007547034",
                "DE88370400440532013000",
                "NL91ABNA041716430",
                "XX91ABNA0417164300"
            })
    void refusesIbansWhoseCheckDigitsOrShapeAreWrong(String iban) {
        assertThatThrownBy(() -> new BankAccount(iban, "ABNANL2A"))
                .isInstanceOf(BankAccount.InvalidBankAccountException.class)
                .hasMessageContaining("iban '" + iban + "' is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABNA", "ABNANL2", "ABNANL2AXY", "ABNAXX2A"})
    void refusesMalformedBics(String bic) {
        assertThatThrownBy(() -> new BankAccount("NL91ABNA0417164300", bic))
                .isInstanceOf(BankAccount.InvalidBankAccountException.class)
                .hasMessageContaining("bic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NL", "BE", "DE", "FR"})
    void madeUpAccountsAreValidAndInTheMarketsCountry(String market) {
        BankAccount account = BankAccount.madeUpFor(market);

        assertThat(account.iban()).startsWith(market);
        assertThat(account.bic()).isEqualTo("NXBK" + market + "2A");
        assertThat(new BankAccount(account.iban(), account.bic())).isEqualTo(account);
    }
}
