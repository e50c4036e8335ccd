package io.github.accountopening.account;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The record API's own refusals, as {@code application/problem+json}. */
@RestControllerAdvice
class AccountErrors {

    @ExceptionHandler(AccountOpeningNotFoundException.class)
    ProblemDetail notFound(AccountOpeningNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
