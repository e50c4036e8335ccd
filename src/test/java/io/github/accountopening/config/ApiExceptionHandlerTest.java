package io.github.accountopening.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** A request the database can never store is not "retry later"; a database that may answer later is. */
class ApiExceptionHandlerTest {

    final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aConstraintViolationIsNotRetryLater() {
        ResponseEntity<ProblemDetail> answer = handler.databaseFailure(new DataIntegrityViolationException(
                "value too long for column reason", new SQLException("Value too long for column", "22001")));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().containsKey("Retry-After")).isFalse();
        assertThat(answer.getBody().getDetail()).contains("retrying", "will not help");
    }

    @Test
    void aFailedCommitOverAConstraintIsNotRetryLater() {
        assertThat(handler.databaseFailure(new TransactionSystemException(
                                "commit failed", new SQLException("duplicate key", "23505")))
                        .getStatusCode()
                        .value())
                .isEqualTo(500);
        assertThat(handler.databaseFailure(new ProcessEngineException(
                                "ENGINE-03083 insert failed",
                                new SQLException("duplicate key value violates unique constraint", "23505")))
                        .getStatusCode()
                        .value())
                .isEqualTo(500);
        assertThat(handler.databaseFailure(new JpaSystemException(new RuntimeException(
                                "could not execute statement",
                                new SQLException("value too long for type character varying(64)", "22001"))))
                        .getStatusCode()
                        .value())
                .isEqualTo(500);
    }

    @Test
    void aDatabaseThatIsAwayOrBusyIsRetryLater() {
        for (RuntimeException away : new RuntimeException[] {
            new CannotGetJdbcConnectionException("no connection"),
            new CannotCreateTransactionException("no connection"),
            new CannotAcquireLockException("lock timeout"),
            new TransactionSystemException("commit failed", new SQLException("connection reset", "08006")),
            // the database went away mid-transaction: the rollback fails on the closed connection, the first error lost
            new JpaSystemException(new RuntimeException(
                    "Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))),
            // the engine's command in the same transaction (the wake-up job) met the outage first
            new ProcessEngineException(
                    "ENGINE-03004 Exception while executing Database Operation",
                    new SQLException("An I/O error occurred while sending to the backend", "08006"))
        }) {
            ResponseEntity<ProblemDetail> answer = handler.databaseFailure(away);

            assertThat(answer.getStatusCode().value()).as(away.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        }
    }
}
