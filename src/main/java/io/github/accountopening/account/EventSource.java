package io.github.accountopening.account;

/** Where a status report came from. */
public enum EventSource {
    /** The provider's answer to our own request (create call or legacy call). */
    PROVIDER(false),
    /** A verified provider webhook. */
    WEBHOOK(true),
    /** Our own poll of the provider's status API. */
    POLL(false),
    /** A simulated webhook pushed through the sandbox endpoint. */
    SANDBOX(true),
    /** A resolution entered by ops in Tasklist. */
    OPS(false);

    private final boolean fromOutside;

    EventSource(boolean fromOutside) {
        this.fromOutside = fromOutside;
    }

    /** Reports from outside the process have to wake it; the others are made by the process itself. */
    public boolean isFromOutside() {
        return fromOutside;
    }
}
