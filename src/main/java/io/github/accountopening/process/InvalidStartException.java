package io.github.accountopening.process;

import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * A start request onboarding has to correct. Camunda's REST API answers a {@code RestException}
 * thrown while starting an instance with its own status (here 400) instead of the 500 it gives any
 * {@code ProcessEngineException}; the transaction rolls back, so no instance and no record remain.
 */
public class InvalidStartException extends InvalidRequestException {
    public InvalidStartException(@Nullable String message) {
        super(Status.BAD_REQUEST, message);
    }
}
