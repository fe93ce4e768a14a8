package io.beep.contracts.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of an event's stored form. Every event carries one; a change of shape gets a new
 * revision and an upcaster, never a silent edit. Services resolve it when serialising events.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {
    String value();
}
