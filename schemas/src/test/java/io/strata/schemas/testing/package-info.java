/**
 * Test fixtures shared by the registry, serde and Connect tests: a schema registry served over real HTTP, a small
 * hand-written generated-style record and realistic events.
 */
package io.strata.schemas.testing;
