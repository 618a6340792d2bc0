/**
 * The content-addressed blob store behind the claim check: image and model-artifact bytes are stored
 * once under their SHA-256, and events carry only the {@link io.strata.blobstore.BlobRef}.
 * {@link io.strata.blobstore.BlobStore} is the contract; {@link io.strata.blobstore.LocalBlobStore}
 * keeps blobs in a local directory, {@link io.strata.blobstore.S3BlobStore} in S3-compatible object
 * storage; {@link io.strata.blobstore.BlobStores} opens either from one configuration string.
 */
package io.strata.blobstore;
