package org.irflow.api;

/** The JSON body of every 4xx answer of irflow's API: what was wrong, and with which field. */
public record ApiError(int status, String error, String field, String message) {}
