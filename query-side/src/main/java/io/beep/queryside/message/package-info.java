/** Reading message history from the MongoDB-wire collection {@code messages}. */
package io.beep.queryside.message;
