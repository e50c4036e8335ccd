package io.github.accountopening.config;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of our own endpoints as {@code application/problem+json} with a detail a person can act on. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";
    /** SQL state classes of content the database refuses: data exception, integrity constraint, syntax or access rule. */
    private static final List<String> PERMANENT_SQL_STATES = List.of("22", "23", "42");

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e, HttpServletRequest request) {
        // the caller's mistake, not ours: one line, no stack trace
        log.warn("Refused {} {} with 400: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has the invalid value '" + e.getValue() + "'");
    }

    /**
     * A request the database refuses by its content (a constraint, a value that does not fit, a statement of
     * ours it cannot run) would fail the same way on every retry: our failure to look at (500), never "retry
     * later". Every other failure (a database that is away, overloaded, locked, or whose connection broke
     * mid-transaction) stored nothing and may pass: 503 with Retry-After, so the sender comes back and nothing
     * it sent is lost. The engine's own failures (a wake-up scheduled in the webhook's transaction) count alike.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
    ResponseEntity<ProblemDetail> databaseFailure(RuntimeException e) {
        if (isPermanent(e)) {
            log.error("Could not store a request, answering 500", e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "we could not store this and nothing was changed; retrying the same request "
                                    + "will not help, the failure is ours to fix"));
        }
        log.warn("Cannot persist right now, answering 503: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "we cannot store this right now; nothing was changed, retry after " + RETRY_AFTER_SECONDS + " seconds");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** Whether the failure, or any of its causes, is the database refusing the content itself. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException
                    || t instanceof InvalidDataAccessResourceUsageException
                    || t instanceof InvalidDataAccessApiUsageException
                    || t instanceof TypeMismatchDataAccessException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && PERMANENT_SQL_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
        }
        return false;
    }
}
