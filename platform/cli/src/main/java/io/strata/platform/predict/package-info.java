/**
 * {@code strata predict}: classifies image files with a model behind the serving API, signed as an app, the way a
 * customer's application would call it.
 */
package io.strata.platform.predict;
