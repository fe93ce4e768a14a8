/** Plumbing shared by the features: Axon set-up, web errors and security, authorisation, gRPC, Kafka, ids. */
package io.beep.command.platform;
