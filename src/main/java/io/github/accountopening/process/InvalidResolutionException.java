package io.github.accountopening.process;

import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/** A resolution ops has to correct; Camunda's REST API answers it with 400 (see {@link InvalidStartException}). */
public class InvalidResolutionException extends InvalidRequestException {
    public InvalidResolutionException(@Nullable String message) {
        super(Status.BAD_REQUEST, "the resolution cannot be applied: " + message);
    }
}
