/** The quality review's throughput next to a plain ImageIO decode of the same images, in the same run. */
package io.strata.benchmarks.quality;
