package io.github.accountopening.account;

public class DuplicateRequestException extends IllegalArgumentException {
    public DuplicateRequestException(String requestId) {
        super("requestId '" + requestId
                + "' already exists: an account opening with this business key was started before");
    }
}
