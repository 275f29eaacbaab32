package org.irflow.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine REST API answers a start or completion that breaks a form's rules, or a variable a
 * person may not set ({@link VariableNotAllowed}), with 400 on every path. Its /submit-form endpoints
 * already do; /start, /complete and the variable endpoints wrap the same error in a 500.
 */
@Component
public class FormErrorsAsBadRequest implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
  }

  /** Ahead of Camunda's own mapper for the same exception type. */
  @Priority(1)
  public static class Mapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof FormFieldValidationException || cause instanceof VariableNotAllowed) {
          ExceptionDto body = ExceptionDto.fromException((Exception) cause);
          return Response.status(Response.Status.BAD_REQUEST).entity(body)
              .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
      }
      return camunda.toResponse(exception);
    }
  }
}
