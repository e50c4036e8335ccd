package io.github.accountopening.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;

/** A webhook we refuse, answered as {@code application/problem+json} whose detail says what was wrong. */
public class WebhookRejectedException extends ErrorResponseException {

    public WebhookRejectedException(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
