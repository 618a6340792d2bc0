/**
 * Benchmarks of AppKey/AppSecret request signing (strata-auth): the gateway's signature verification next
 * to a bare HMAC-SHA256 of the same bytes, and its latency under many concurrent clients.
 */
package io.strata.benchmarks.auth;
