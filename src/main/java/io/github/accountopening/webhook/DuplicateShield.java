package io.github.accountopening.webhook;

import io.github.accountopening.account.ProviderStatus;

/**
 * Absorbs bursts of the same status for the same opening before they reach the database. It is a
 * shield, not the guarantee: the record's forward-only transitions are. A shield that forgets only
 * costs speed.
 */
public interface DuplicateShield {

    static String key(String requestId, ProviderStatus status) {
        return "account_opening_request_id_" + requestId + "_" + status.name();
    }

    /** True the first time a key is seen within the TTL; false for a duplicate. */
    boolean claim(String key);

    /** Forgets a key, so that a retry of a delivery that failed is processed. */
    void release(String key);
}
