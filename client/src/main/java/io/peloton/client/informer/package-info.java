/**
 * Informers: list, then watch from the list's resourceVersion, into an indexed local cache;
 * relist on 410 Gone with inferred deletes; bookmarks, resync, reconnect backoff, health meters.
 */
package io.peloton.client.informer;
