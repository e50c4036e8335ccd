package io.github.accountopening.provider;

/**
 * NexusBank could not answer (5xx, timeout, refused connection, or an answer we cannot use): a
 * technical failure. The job is retried per {@code account-opening.retry-cycle}, then shows as an
 * incident whose message is this one.
 */
public class ProviderUnavailableException extends RuntimeException {
    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
