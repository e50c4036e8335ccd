package io.github.accountopening.provider;

/** NexusBank refused the opening (a 4xx about the request): a business outcome, not a failure to retry. */
public class ProviderRejectedException extends RuntimeException {

    private final String reason;

    public ProviderRejectedException(String reason) {
        super("NexusBank rejected the opening: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
