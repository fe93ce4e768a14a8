/** Plumbing shared by the features: data sources, Axon, the Mongo client, the gRPC server. */
package io.beep.projections.platform;
