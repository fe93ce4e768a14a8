/**
 * The one MongoDB client of this service, built from {@code BEEP_MONGO_URL}, and its health.
 * Collections are read through {@link io.beep.queryside.platform.mongo.CollectionAliases}, so a
 * projection rebuild's switch to a new copy reaches the readers.
 */
package io.beep.queryside.platform.mongo;
