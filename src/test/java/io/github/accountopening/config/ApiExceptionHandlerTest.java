package io.github.accountopening.config;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a database that may answer later is "retry later"; a request it can never store is not. */
class ApiExceptionHandlerTest {

    final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aConstraintViolationIsNotRetryLater() {
        ResponseEntity<ProblemDetail> answer = handler.databaseFailure(new DataIntegrityViolationException("value too long for column reason",
                new SQLException("Value too long for column", "22001")));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().containsKey("Retry-After")).isFalse();
        assertThat(answer.getBody().getDetail()).contains("retrying", "will not help");
    }

    @Test
    void aFailedCommitOverAConstraintIsNotRetryLater() {
        assertThat(handler.databaseFailure(new TransactionSystemException("commit failed",
                new SQLException("duplicate key", "23505"))).getStatusCode().value()).isEqualTo(500);
        assertThat(handler.databaseFailure(new JpaSystemException(new RuntimeException("mapping"))).getStatusCode().value())
                .isEqualTo(500);
    }

    @Test
    void aDatabaseThatIsAwayOrBusyIsRetryLater() {
        for (RuntimeException away : new RuntimeException[] {
                new CannotGetJdbcConnectionException("no connection"),
                new CannotCreateTransactionException("no connection"),
                new CannotAcquireLockException("lock timeout"),
                new TransactionSystemException("commit failed", new SQLException("connection reset", "08006"))}) {
            ResponseEntity<ProblemDetail> answer = handler.databaseFailure(away);

            assertThat(answer.getStatusCode().value()).as(away.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        }
    }
}
