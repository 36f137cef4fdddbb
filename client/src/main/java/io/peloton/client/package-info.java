/**
 * The blocking REST client for every kind ({@link io.peloton.client.ApiClient}, JSON trees) and
 * its typed view ({@link io.peloton.client.TypedClient}, records).
 */
package io.peloton.client;
