package io.peloton.api.host;

/** Peloton's host maintenance states ({@code host.proto} {@code HostState}). */
public enum HostState { UP, DRAINING, DRAINED, DOWN }
