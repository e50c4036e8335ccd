package io.github.accountopening.account;

import java.util.NoSuchElementException;

public class AccountOpeningNotFoundException extends NoSuchElementException {
    public AccountOpeningNotFoundException(String requestId) {
        super("no account opening with request id '" + requestId + "'");
    }
}
