package org.irflow.api;

/**
 * The JSON body of a 4xx answer of the webhooks: what was wrong, and with which field. (The /api
 * endpoints answer with RFC 9457 problem details instead: {@link ApiExceptionHandler}.)
 */
public record ApiError(int status, String error, String field, String message) {}
