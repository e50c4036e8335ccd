package io.github.accountopening.account;

/** How the provider is asked: the legacy blocking call or the asynchronous request answered by webhook. */
public enum OpeningMode {
    SYNC,
    ASYNC
}
