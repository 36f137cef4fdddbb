package io.peloton.pelotonctl.config;

/**
 * Where and as whom pelotonctl talks to the API server, after flags, environment and config file
 * are combined.
 *
 * @param context the config-file context used, or null
 */
public record Connection(String server, String namespace, String token, String context) {}
