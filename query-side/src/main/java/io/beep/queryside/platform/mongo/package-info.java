/** The one MongoDB client of this service, built from {@code BEEP_MONGO_URL}, and its health. */
package io.beep.queryside.platform.mongo;
