/** Messages as documents of the MongoDB-wire collection {@code messages}, one per message. */
package io.beep.projections.message;
