package org.irflow.api;

import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad input gets a 4xx that names the field, never a 500: an RFC 9457 problem detail
 * ({@code application/problem+json}) with {@code title}, {@code status}, {@code detail} in words, the
 * request path as {@code instance}, and the extension member {@code field} naming the parameter or
 * body field at fault, when there is one.
 */
@RestControllerAdvice(basePackages = "org.irflow.api")
public class ApiExceptionHandler {

  /** A request parameter or path value that is not acceptable. */
  public static class BadRequest extends RuntimeException {
    private final String field;

    public BadRequest(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  /** The authenticated user may not do this. */
  public static class Forbidden extends RuntimeException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** The request is well formed, but the state of what it names does not allow it. */
  public static class Conflict extends RuntimeException {
    public Conflict(String message) {
      super(message);
    }

    /**
     * Runs a correction a person asked for; the reason the state does not allow it (an illegal argument
     * or state of the service) becomes this conflict.
     */
    public static <T> T unlessRefused(Supplier<T> correction) {
      try {
        return correction.get();
      } catch (IllegalArgumentException | IllegalStateException notPossible) {
        throw new Conflict(notPossible.getMessage());
      }
    }
  }

  @ExceptionHandler(Conflict.class)
  ResponseEntity<ProblemDetail> conflict(Conflict e) {
    return error(HttpStatus.CONFLICT, null, e.getMessage());
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
    return error(HttpStatus.BAD_REQUEST, e.field, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return error(HttpStatus.BAD_REQUEST, e.getName(),
        "'" + e.getValue() + "' is not a valid value for '" + e.getName() + "'");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
    return error(HttpStatus.BAD_REQUEST, e.getParameterName(),
        "parameter '" + e.getParameterName() + "' is required");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, null, "the request body is not the JSON this endpoint takes");
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<ProblemDetail> notFound(NoSuchElementException e) {
    return error(HttpStatus.NOT_FOUND, null, e.getMessage());
  }

  @ExceptionHandler(Forbidden.class)
  ResponseEntity<ProblemDetail> forbidden(Forbidden e) {
    return error(HttpStatus.FORBIDDEN, null, e.getMessage());
  }

  private static ResponseEntity<ProblemDetail> error(HttpStatus status, String field, String message) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return ResponseEntity.status(status).body(problem);
  }
}
