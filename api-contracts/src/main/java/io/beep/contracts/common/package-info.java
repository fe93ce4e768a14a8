/** Typed identifiers, permissions, error codes and the event revision marker shared by every feature. */
package io.beep.contracts.common;
