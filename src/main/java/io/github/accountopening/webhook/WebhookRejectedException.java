package io.github.accountopening.webhook;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A webhook we refuse, answered as {@code application/problem+json} whose detail says what was wrong. */
public class WebhookRejectedException extends ErrorResponseException {

    private final String reason;

    /** {@code reason} is a short fixed tag for the metrics, {@code detail} the sentence for the sender. */
    public WebhookRejectedException(HttpStatus status, String reason, @Nullable String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
